import { startHealth } from './health.js';
import { startReplicas } from './replicas.js';
import { startChain } from './chain.js';
import { startSignIn } from './signin.js';
import { startUsers } from './users.js';

// Each panel fails on its own: a service that is down leaves the others working.
startHealth(document.getElementById('health'));
startReplicas(document.getElementById('replicas'));
startChain(document.getElementById('chain'));
startSignIn(document.getElementById('signin'));
startUsers(document.getElementById('users'));

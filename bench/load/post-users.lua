-- wrk script: POST /users with a new email on every request, and the bearer token in BENCH_TOKEN when it is set.
-- The run tag keeps the emails of successive wrk runs (warm-up rounds, then the load) apart.
local tag = string.format("%x%x", os.time(), math.random(0, 0xffff))
local counter = 0
wrk.method = "POST"
wrk.path = "/users"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
    wrk.headers["Authorization"] = "Bearer " .. token
end

function request()
    counter = counter + 1
    return wrk.format(nil, nil, nil, string.format('{"name":"Bench %d","email":"b%s-%d@example.com"}', counter, tag, counter))
end

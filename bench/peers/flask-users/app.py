"""The original Flask users app: GET /users as JSON from MySQL through Flask-SQLAlchemy, and GET /version."""
import os

from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "mysql+pymysql://{user}:{password}@{host}:{port}/{name}".format(
    user=os.environ.get("DATABASE_USER", "root"),
    password=os.environ.get("DATABASE_PASSWORD", ""),
    host=os.environ.get("DATABASE_HOST", "127.0.0.1"),
    port=os.environ.get("DATABASE_PORT", "3306"),
    name=os.environ.get("DATABASE_NAME", "users"),
)
db = SQLAlchemy(app)


class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.BigInteger, primary_key=True)
    name = db.Column(db.String(100))
    email = db.Column(db.String(255))


@app.route("/users")
def users():
    # The same page as users-api's GET /users: the first `size` users by id, at most 100.
    size = max(1, min(int(request.args.get("size", 100)), 100))
    rows = User.query.order_by(User.id).limit(size).all()
    return jsonify([{"id": u.id, "name": u.name, "email": u.email} for u in rows])


@app.route("/version")
def version():
    return "1.0.0\n"


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")), threaded=True)

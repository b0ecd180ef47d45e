"""The floor: a bare Flask app that answers "hello", served exactly like quizapp in the bench."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "hello"

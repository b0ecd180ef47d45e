"""Write quizapp/content/common_passwords.txt from zxcvbn's password frequency list.

Run once when refreshing the list (zxcvbn is a build-time tool, not a dependency):
    .venv/bin/pip install zxcvbn==4.5.0 && .venv/bin/python scripts/build_common_passwords.py
Keeps the most common passwords that the length rule alone would let through (8+ characters),
plus a few words specific to this app's users.
"""

from pathlib import Path

from zxcvbn.frequency_lists import FREQUENCY_LISTS

LOCAL = [
    "pakistan",
    "afghanistan",
    "pakistan123",
    "islamabad",
    "quizapp123",
    "student123",
    "teacher123",
    "cricket123",
    "password123",
]
OUT = Path(__file__).resolve().parents[1] / "quizapp" / "content" / "common_passwords.txt"


def main() -> None:
    ranked = [p for p in FREQUENCY_LISTS["passwords"] if len(p) >= 8][:10_000]
    words = list(dict.fromkeys(w.casefold() for w in ranked + LOCAL))
    OUT.write_text("\n".join(words) + "\n")
    print(f"wrote {len(words)} passwords to {OUT}")


if __name__ == "__main__":
    main()

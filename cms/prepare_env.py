"""Write a local .env with a fresh random SECRET_KEY for `make serve`, once."""

import secrets
from pathlib import Path

ENV_FILE = Path(__file__).resolve().parent.parent / ".env"


def main() -> None:
    if ENV_FILE.exists():
        return
    ENV_FILE.write_text(
        f"SECRET_KEY={secrets.token_urlsafe(50)}\nDEBUG=0\nALLOWED_HOSTS=127.0.0.1,localhost\n",
        encoding="utf-8",
    )
    print(f"Wrote {ENV_FILE} with a new SECRET_KEY.")


if __name__ == "__main__":
    main()

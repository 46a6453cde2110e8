"""Write a local .env with a fresh random SECRET_KEY for `make serve`, once.

`make serve` answers on plain http://127.0.0.1, so the .env also says HTTPS=0 (production settings otherwise
assume HTTPS: secure cookies, HSTS, redirect); an older .env without the line gets it added.
"""

import secrets
from pathlib import Path

ENV_FILE = Path(__file__).resolve().parent.parent / ".env"


def main() -> None:
    if ENV_FILE.exists():
        text = ENV_FILE.read_text(encoding="utf-8")
        if not any(line.strip().startswith("HTTPS=") for line in text.splitlines()):
            ENV_FILE.write_text(text.rstrip("\n") + "\nHTTPS=0\n", encoding="utf-8")
            print(f"Added HTTPS=0 to {ENV_FILE} (local plain-http serving).")
        return
    ENV_FILE.write_text(
        f"SECRET_KEY={secrets.token_urlsafe(50)}\nDEBUG=0\nALLOWED_HOSTS=127.0.0.1,localhost\nHTTPS=0\n",
        encoding="utf-8",
    )
    print(f"Wrote {ENV_FILE} with a new SECRET_KEY.")


if __name__ == "__main__":
    main()

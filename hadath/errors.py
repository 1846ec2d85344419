"""Errors that bad input raises: each carries a short code and a message for people."""


class Rejected(Exception):
    """An input that cannot be analysed. `code` is one of: empty, binary, encoding, too_large,
    not_arabic, malformed, no_article, unreadable."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}

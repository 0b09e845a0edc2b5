class ServiceError(Exception):
    """A domain rule refused the change. The message is written for the user and the
    view shows it with a 4xx; the transaction has been rolled back."""

    status_code = 400

    def __init__(self, message: str, *, field: str | None = None, status_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if status_code is not None:
            self.status_code = status_code


class Conflict(ServiceError):
    """The change clashes with the current state (already a member, already used)."""

    status_code = 409


class Gone(ServiceError):
    """The thing asked for existed but can no longer be used (expired invitation)."""

    status_code = 410

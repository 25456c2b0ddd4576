"""The error every registration rule raises when it stops an action."""


class RegistrationError(Exception):
    """A rule stops the action; `message` is shown to the person as is."""

    def __init__(self, code, message):
        super().__init__(str(message))
        self.code = code
        self.message = message

"""The SMTP protocol of one message up to its final dot, and the handling of the connection
around it (see the two phases in `newsletter.sending`): the send loop writes the dot itself,
after the point of record."""

import contextlib
import re
import smtplib
import socket

# Refusals before DATA ends: the server did not take the message.
REFUSED = (smtplib.SMTPSenderRefused, smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


def send_up_to_the_dot(connection, sender, recipients, data):
    """Everything of one SMTP transaction but the final "." line: MAIL, RCPT, DATA and the
    dot-stuffed message (smtplib's `sendmail` stopped before its last step). Raises an
    SMTPException (after RSET when the connection stays usable) if the server refuses."""
    connection.ehlo_or_helo_if_needed()
    options = []
    if connection.does_esmtp and connection.has_extn("size"):
        options.append(f"size={len(data)}")
    code, reply = connection.mail(sender, options)
    if code != 250:
        _end_transaction(connection, code)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    refused = {}
    for recipient in recipients:
        code, reply = connection.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, reply)
        if code == 421:
            connection.close()
            raise smtplib.SMTPRecipientsRefused(refused)
    if len(refused) == len(recipients):
        connection.rset()
        raise smtplib.SMTPRecipientsRefused(refused)
    connection.putcmd("data")
    code, reply = connection.getreply()
    if code != 354:
        _end_transaction(connection, code)
        raise smtplib.SMTPDataError(code, reply)
    data = _LEADING_DOT.sub(b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    connection.send(data)


_LEADING_DOT = re.compile(rb"(?m)^\.")


def no_delay(connection):
    """Send the 3 bytes of the final dot at once: with Nagle's algorithm a small write right
    after the message body waits for the server's (delayed) ACK, up to 40 ms per message."""
    with contextlib.suppress(Exception):
        connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _end_transaction(connection, code):
    if code == 421:
        connection.close()
    else:
        connection.rset()


def drop(mail):
    """Close the SMTP connection at once, without QUIT (in the middle of DATA a QUIT would be
    read as message text): a message without its final dot is discarded by the server."""
    connection = getattr(mail, "connection", None)
    if connection is not None:
        with contextlib.suppress(Exception):
            connection.close()
        mail.connection = None


def reset(mail):
    """After a refused transaction: RSET, so the connection can carry the next message."""
    try:
        code, _reply = mail.connection.rset()
    except Exception:
        code = None
    if code != 250:
        drop(mail)


def close(mail):
    with contextlib.suppress(Exception):
        mail.close()
    if getattr(mail, "connection", None) is not None:
        drop(mail)

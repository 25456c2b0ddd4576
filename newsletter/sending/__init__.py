"""Sending an issue. See `newsletter.models.sending` for the rows.

- `dispatch`: the lifecycle of a dispatch (create, start, prepare, pause, resume, cancel, the
  minute tick) and the worker's lease on it. Starting only records the intent (status
  "preparing"); a django-q2 task freezes the message and the recipients, then the sending.
- `loop`: the resumable, rate-limited send loop the django-q2 tasks (and the `newsletter_send`
  command) run, in lanes (threads), with the point of record.
- `smtp`: the SMTP protocol of one message up to its final dot, and the connection handling.

Exactly once, also when a worker is killed
------------------------------------------
In SMTP the point of no return is the server receiving the final "<CRLF>.<CRLF>" of DATA: if
the connection drops before it, the server discards the message. And bytes a process has
written to a TCP socket are still delivered by the kernel after the process is killed. So each
message goes out in two phases on the open connection:

1. MAIL FROM, RCPT TO, DATA (expecting 354) and the whole dot-stuffed message except the final
   dot line;
2. the delivery row is committed as "sent" (the point of record), THEN the 3 bytes ".<CRLF>"
   are written and the reply read. 250: done. A refusal (4xx/5xx) or a failure to write the dot
   puts the row back to "retry" (or "failed" after the last attempt): the server did not take
   it. If the dot was written but no reply came (connection lost: RFC 1047), the row stays
   "sent" with a note in `last_error`, and is not sent again.

A row still "sending" whose claim belongs to a dead run has therefore never passed the point of
no return: the next run puts all of them back in the queue and sends each once. Nothing is left
uncertain except one short window per lane: from the database applying the "sent" commit to the
3 bytes of the dot being written (the commit's reply reaching the worker, the thread running
again). On an idle machine that is tens of microseconds; on a CPU-starved one it can reach
milliseconds. A worker killed exactly there loses that one message (the row says "sent", the
server discarded it); it is never sent twice.

Other mail backends (locmem, file, console: tests and development) cannot be split: the row is
committed as "sent" first, then the message handed over; an exception puts the row back.

A database server crash may lose the last "sent" commits when NEWSLETTER_QUICK_COMMITS is on
(see `loop._quick_commits`): those rows go back to "sending" and are sent again on resume.
"""

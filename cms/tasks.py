"""Queueing background work (django-q2) only after the current transaction commits, so a worker
never picks up a task about rows it cannot see yet, and a rolled-back request sends no mail."""

from django.db import transaction
from django_q.tasks import async_task


def enqueue(func_path, *args, **kwargs):
    transaction.on_commit(lambda: async_task(func_path, *args, **kwargs))

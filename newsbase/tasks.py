"""Tasks that belong to no single app."""

from celery import shared_task


@shared_task(name="newsbase.ping", ignore_result=False)
def ping() -> str:
    """Answers "pong": proves a worker is alive and the broker and result backend are wired."""
    return "pong"

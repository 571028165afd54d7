import ast
import threading
from pathlib import Path

import pytest
from django.db import transaction

from infoharbor.core import tasks
from infoharbor.core.celery import app as celery_app
from infoharbor.registration.badges import services as batches
from tests.factories import make_approved_participant, make_category, make_forum

pytestmark = [pytest.mark.django_db, pytest.mark.integration]

calls: list[int] = []
failures: list[tuple[str, int]] = []


def _always_fails(number: int) -> None:
    calls.append(number)
    raise RuntimeError(f"no luck with {number}")


def _record_failure(error: Exception, number: int) -> None:
    failures.append((str(error), number))


tasks.task("tests.always_fails", retries=2, backoff=3.0, on_failure=_record_failure)(_always_fails)
tasks.task("tests.counts")(calls.append)


@pytest.fixture(autouse=True)
def _fresh():
    calls.clear()
    failures.clear()


def test_enqueued_task_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        tasks.enqueue("tests.counts", 7)
        assert tasks.pending() == []

    assert tasks.pending() == [("tests.counts", (7,))]
    assert [(a.name, a.args, a.error) for a in tasks.run_pending()] == [("tests.counts", (7,), "")]
    assert calls == [7]


def test_enqueued_task_of_a_rolled_back_transaction_never_runs(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValueError),
        transaction.atomic(),
    ):
        tasks.enqueue("tests.counts", 7)
        raise ValueError

    assert tasks.pending() == []


def test_unknown_task_is_refused_when_enqueued():
    with pytest.raises(LookupError, match=r"'tests\.no_such_task'"):
        tasks.enqueue("tests.no_such_task")


def test_failing_task_is_retried_with_backoff_then_its_failure_recorded(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.enqueue("tests.always_fails", 4)

    attempts = tasks.run_pending()

    assert [(a.number, a.retry_in) for a in attempts] == [(1, 3.0), (2, 6.0), (3, None)]
    assert {a.error for a in attempts} == {"RuntimeError: no luck with 4"}
    assert calls == [4, 4, 4]
    assert failures == [("no luck with 4", 4)]


def test_badge_batch_that_keeps_failing_is_retried_then_shown_failed(
    settings, django_capture_on_commit_callbacks
):
    forum = make_forum()
    category = make_category(forum, "official")
    make_approved_participant(category)
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "no.such.Storage"}}
    with django_capture_on_commit_callbacks(execute=True):
        batch = batches.start_batch(None, forum, category=category)

    attempts = tasks.run_pending()
    batch.refresh_from_db()

    assert [a.retry_in for a in attempts] == [10.0, 20.0, 40.0, None]
    assert (batch.status, batch.pdf.name) == ("failed", "")
    assert "no.such" in batch.error


def test_thread_runner_runs_the_task_after_commit(transactional_db, settings):
    settings.INFOHARBOR_TASK_RUNNER = "thread"
    ran = threading.Event()
    tasks.task("tests.sets_event")(ran.set)

    with transaction.atomic():
        tasks.enqueue("tests.sets_event")
        assert not ran.wait(0.2)

    assert ran.wait(10)


def test_celery_runner_retries_then_records_the_failure(
    settings, django_capture_on_commit_callbacks
):
    settings.INFOHARBOR_TASK_RUNNER = "celery"
    celery_app.conf.task_always_eager = True  # runs the task in-process, as a worker would
    try:
        with django_capture_on_commit_callbacks(execute=True):
            tasks.enqueue("tests.always_fails", 5)
    finally:
        celery_app.conf.task_always_eager = False

    assert calls == [5, 5, 5]
    assert failures == [("no luck with 5", 5)]


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Ids of the import nodes under `if TYPE_CHECKING:`: they never run."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }


def _imports_of(path: Path) -> set[str]:
    found = set()
    tree = ast.parse(path.read_text())
    typing_only = _type_checking_only(tree)
    for node in ast.walk(tree):  # imports inside functions count too
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_no_module_imports_one_that_imports_it_back():
    src = Path(__file__).resolve().parents[2] / "src"
    paths = {
        ".".join(p.relative_to(src).with_suffix("").parts).removesuffix(".__init__"): p
        for p in (src / "infoharbor").rglob("*.py")
        if "migrations" not in p.parts
    }
    graph = {name: _imports_of(path) & paths.keys() - {name} for name, path in paths.items()}
    circles = []
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            name = todo.pop()
            if name == start:
                circles.append(start)
                break
            if name not in seen:
                seen.add(name)
                todo += graph[name]

    assert circles == []

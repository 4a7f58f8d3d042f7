import pytest

from transfer.tests.helpers import IMMEDIATE, post_import


@pytest.fixture
def run_imports(settings, django_capture_on_commit_callbacks, owner_client):
    """Post a file and run its import at once: answers the import's detail (GET)."""
    settings.TASKS = IMMEDIATE

    def run(source: str, content: bytes, name: str = "file", client=None, **fields):
        client = client or owner_client
        with django_capture_on_commit_callbacks(execute=True):
            response = post_import(client, source, content, name, **fields)
        assert response.status_code == 202, response.content
        return client.get(f"/api/v1/imports/{response.json()['id']}").json()

    return run

def pytest_collection_modifyitems(config, items):
    """Tests marked `cluster` run only when the -m expression names them (`-m cluster`): they start
    two gunicorn nodes and two workers, and `.ci/run` runs them on their own on PostgreSQL + Redis."""
    if "cluster" in (config.getoption("markexpr") or ""):
        return
    opted_out = [item for item in items if item.get_closest_marker("cluster")]
    if opted_out:
        config.hook.pytest_deselected(items=opted_out)
        items[:] = [item for item in items if not item.get_closest_marker("cluster")]

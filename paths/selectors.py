"""Read-only figures about learning paths for the dashboard: how many people are on each step
of each path. A constant number of queries whatever the number of people (one per kind of
step; the paths themselves come from the per-version cache)."""

from paths import progress, structure


def people_per_step(request=None):
    """[{path, started, finished, steps: [{step, done, here}]}] per path (in the default
    language). started: people with at least one step done; finished: every required step
    done; per step, done: people who did it, here: people for whom it is the next required
    step (those who started the path)."""
    canonical = [paths[0] for paths in structure.groups(request).values()]
    found = progress.facts(canonical)
    rows = []
    for path in canonical:
        people = set()
        for step in path.steps:
            people.update(found.get(step.fact, {}))
        here = {step.number: 0 for step in path.steps}
        finished = 0
        for user_id in people:
            place = progress.state(path, found, user_id)
            if place.finished:
                finished += 1
            elif place.next_step is not None:
                here[place.next_step.step.number] += 1
        rows.append(
            {
                "path": path,
                "started": len(people),
                "finished": finished,
                "steps": [
                    {
                        "step": step,
                        "title": step.target.title(path.language),
                        "done": len(found.get(step.fact, {})),
                        "here": here[step.number],
                    }
                    for step in path.steps
                ],
            }
        )
    return rows

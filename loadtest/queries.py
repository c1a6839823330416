"""What the simulated citizens type, shared by the load (locustfile.py) and the engine's
warm-up (engine_warmup.py), so that the warm-up compiles the code the load runs."""


def citizen_query(paths, rng):
    """Half the searches are the popular ones; half are words from matter titles, so that
    kept answers do not hide the engine (or its absence)."""
    if rng.random() < 0.5:
        return rng.choice(paths["queries"])
    title = rng.choice(paths["titles"])
    start = rng.randrange(max(1, len(title) - 3))
    return title[start : start + rng.choice((2, 3, 4))]

"""The single-host file cache keeps its directory bounded although it prunes only now and then."""

from pathlib import Path

from portal import file_cache
from portal.file_cache import PrunedFileCache


def cache_in(tmp_path, max_entries):
    return PrunedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def files(tmp_path):
    return list(Path(tmp_path).glob("*.djcache"))


def test_directory_stays_within_max_entries_and_one_pruning_interval(tmp_path, monkeypatch):
    monkeypatch.setattr(file_cache, "CULL_EVERY", 20)
    cache = cache_in(tmp_path, max_entries=50)
    for n in range(1000):
        cache.set(f"page-{n}", "x" * 100)
    assert len(files(tmp_path)) <= 50 + 20


def test_directory_is_not_listed_on_every_write(tmp_path, monkeypatch):
    monkeypatch.setattr(file_cache, "CULL_EVERY", 20)
    cache = cache_in(tmp_path, max_entries=50)
    listings = []
    listed = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or listed())
    for n in range(100):
        cache.set(f"page-{n}", "x")
    assert len(listings) == 5


def test_kept_values_read_back(tmp_path):
    cache = cache_in(tmp_path, max_entries=50)
    cache.set("page", ("text/html", b"<p>\xe5\x8a\x9e</p>"))
    assert cache.get("page") == ("text/html", b"<p>\xe5\x8a\x9e</p>")

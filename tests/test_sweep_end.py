"""The end of a sweep, prepared while its jobs run, gives what it gave when done after them: files
read ahead are served only while unchanged on disk, the schema built once follows new levers, and
the pre-check's scenarios composed reading each config file once are those Hydra composes."""

from dataclasses import dataclass
from pathlib import Path

import pytest
from hydra.types import RunMode
from omegaconf import OmegaConf

from sim.config.command_line import SCENARIOS
from sim.config.compose import load_config
from sim.config.precheck import _hydra
from sim.config.schema import schema_config
from sim.internals import files_read_once
from sim.levers.base import Lever, unregister
from sim.study import file_cache
from sim.study.jobs import read_json, read_yaml, remember_job


def _counting_reader(calls: list):
    def reader(path: Path):
        calls.append(path)
        return {"text": path.read_text()}
    return reader


def test_a_file_read_ahead_is_served_while_unchanged_and_read_again_once_changed(tmp_path):
    path, calls = tmp_path / "x.txt", []
    reader = _counting_reader(calls)
    path.write_text("first")
    assert file_cache.read(path, reader) == {"text": "first"}  # nothing kept unless asked for
    file_cache.remember(path, reader)
    served = file_cache.read(path, reader)
    assert served == {"text": "first"} and len(calls) == 2  # from memory
    served["text"] = "changed by a caller"
    assert file_cache.read(path, reader) == {"text": "first"}  # each caller gets its own copy
    path.write_text("second, longer")
    assert file_cache.read(path, reader) == {"text": "second, longer"} and len(calls) == 3
    path.unlink()
    with pytest.raises(FileNotFoundError):
        file_cache.read(path, reader)
    file_cache.forget()


def test_a_jobs_files_read_ahead_give_what_reading_them_at_the_end_gives(tmp_path):
    (tmp_path / "job.json").write_text('{"num": 3, "status": "done"}')
    (tmp_path / "config.yaml").write_text("policy:\n  name: sms_reminder\nscale: 1.0\n")
    (tmp_path / "summary.csv").write_text("clinic,no_show_rate\nall,0.25\n")
    before = read_json(tmp_path / "job.json"), read_yaml(tmp_path / "config.yaml")
    remember_job(tmp_path)
    (tmp_path / "config.yaml").write_text("policy:\n  name: phone_reminder\nscale: 2.0\n")
    assert read_json(tmp_path / "job.json") == before[0]
    assert read_yaml(tmp_path / "config.yaml") == {"policy": {"name": "phone_reminder"}, "scale": 2.0}
    assert read_yaml(tmp_path / "absent.yaml") is None and read_json(tmp_path / "absent.json") == {}
    file_cache.forget()


@dataclass
class _ProbeParams:
    strength: float = 0.5


def test_the_schema_built_once_takes_in_a_lever_registered_later():
    schema_config()  # built, as in a sweep's pre-check
    key = "probe_lever_for_schema_test"
    try:
        type("ProbeLever", (Lever,), {"key": key, "Params": _ProbeParams})  # registers itself
        assert getattr(load_config(["policy=baseline"]).policy, key).strength == 0.5
    finally:
        unregister(key)
    assert not hasattr(load_config(["policy=baseline"]).policy, key)


def test_scenarios_composed_reading_each_file_once_are_those_hydra_composes(monkeypatch):
    def compose_all(hydra):
        return [OmegaConf.to_yaml(hydra.compose_config("config", [f"policy={name}"], run_mode=RunMode.RUN))
                for name in ("baseline", "sms_reminder", "baseline")]

    reads = []
    with _hydra([SCENARIOS]) as hydra:
        repository = type(hydra.config_loader.repository)  # Hydra's own
        load = repository.load_config
        monkeypatch.setattr(repository, "load_config",
                            lambda self, config_path: reads.append(config_path) or load(self, config_path))
        plain, plain_reads = compose_all(hydra), len(reads)
        with files_read_once(hydra.config_loader):
            once = compose_all(hydra)
        assert type(hydra.config_loader.repository) is repository  # as Hydra made it, after
    assert once == plain
    assert len(reads) - plain_reads < plain_reads / 2  # the second and third read nothing new

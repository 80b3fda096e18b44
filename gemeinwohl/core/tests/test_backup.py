"""``manage.py backup`` and ``restore``: a backup of the demo comes back unchanged in a fresh database.

The fresh installation is a second database (an SQLite file, or a PostgreSQL database on the test
server), migrated and restored by ``manage.py`` in subprocesses, exactly as an operator would, and
read back through a database alias added for the test.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.db.utils import load_backend
from django.test import override_settings

from gemeinwohl.accounts.models import User
from gemeinwohl.advice import actions as advice_actions
from gemeinwohl.advice.models import Case
from gemeinwohl.core import backup
from gemeinwohl.core.backup import SEEDED_BY_MIGRATIONS, backed_up_models
from gemeinwohl.events import actions as events_actions
from gemeinwohl.events.models import Event

pytestmark = pytest.mark.django_db

MANAGE = Path(settings.BASE_DIR) / "manage.py"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


# --- helpers ---------------------------------------------------------------------------------------------------------


def table_contents(using: str = "default") -> dict[str, list[tuple]]:
    """Every row of every table (many-to-many tables too), all columns as the database holds them, by pk.

    Read with plain SQL: stricter than through the ORM (a JSON text or a timestamp must be the same
    down to its last character), and quick enough to read the whole database many times.
    """
    database = connections[using]
    quote = database.ops.quote_name
    contents = {}
    with database.cursor() as cursor:
        for model in backed_up_models():
            columns = ", ".join(quote(field.column) for field in model._meta.local_concrete_fields)
            table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
            cursor.execute(f"SELECT {columns} FROM {table} ORDER BY {pk}")  # noqa: S608 (names from the models)
            contents[model._meta.label_lower] = cursor.fetchall()
    return contents


def file_contents(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def make_backup(path: Path) -> str:
    out = StringIO()
    call_command("backup", str(path), stdout=out)
    return out.getvalue()


def restore(path: Path) -> str:
    out = StringIO()
    call_command("restore", str(path), stdout=out)
    return out.getvalue()


def read_members(path: Path) -> dict[str, bytes]:
    with tarfile.open(path, "r:gz") as archive:
        return {member.name: archive.extractfile(member).read() for member in archive}


def write_members(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def changed_archive(source: Path, target: Path, *, manifest=None, members=None) -> Path:
    """A copy of ``source`` with its manifest and members changed by the given functions."""
    contents = read_members(source)
    data = json.loads(contents.pop("manifest.json"))
    if members:
        members(contents, data)
    if manifest:
        manifest(data)
    return write_members(target, {"manifest.json": json.dumps(data).encode(), **contents})


def fingerprint(data: bytes) -> dict:
    return {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


# --- the fresh installation --------------------------------------------------------------------------------------------


class FreshInstallation:
    """A second, empty database and media folder; ``manage.py`` runs against them in subprocesses."""

    alias = "restored"

    def __init__(self, folder: Path):
        self.media_root = folder / "media"
        self.media_root.mkdir()
        default = connection.settings_dict
        self.settings_dict = {**default}
        if connection.vendor == "postgresql":
            self.settings_dict["NAME"] = f"{default['NAME']}_frisch"
            credentials = quote(default["USER"]) + (f":{quote(default['PASSWORD'])}" if default["PASSWORD"] else "")
            self.url = (
                f"postgres://{credentials}@{default['HOST']}:{default['PORT'] or 5432}/{self.settings_dict['NAME']}"
            )
            self._postgres(f'DROP DATABASE IF EXISTS "{self.settings_dict["NAME"]}"')
            self._postgres(f'CREATE DATABASE "{self.settings_dict["NAME"]}"')
        else:
            self.settings_dict["NAME"] = str(folder / "frisch.sqlite3")
            self.url = f"sqlite:///{self.settings_dict['NAME']}"
        # Migrating takes a while: it runs in the background while the other tests run.
        self._migrating = self._start("migrate", "--noinput")

    def _postgres(self, statement: str) -> None:
        import psycopg

        default = connection.settings_dict
        with psycopg.connect(
            host=default["HOST"],
            port=default["PORT"] or 5432,
            user=default["USER"],
            password=default["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        ) as admin:
            admin.execute(statement)

    def _start(self, *args: str) -> subprocess.Popen:
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "gemeinwohl.settings.base",
            "DATABASE_URL": self.url,
            "MEDIA_ROOT": str(self.media_root),
        }
        return subprocess.Popen(  # noqa: S603 (our own manage.py)
            [sys.executable, str(MANAGE), *args],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def manage(self, *args: str) -> subprocess.CompletedProcess:
        self.migrated()
        process = self._start(*args)
        stdout, stderr = process.communicate(timeout=300)
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def migrated(self) -> None:
        if self._migrating is not None:
            _output, errors = self._migrating.communicate(timeout=300)
            assert self._migrating.returncode == 0, errors
            self._migrating = None

    @contextmanager
    def connected(self) -> Iterator[str]:
        """A database alias for the fresh installation, for the duration of the block.

        The connection is handed to ``connections`` directly, not through its settings: Django's test
        case forbids aliases from the settings that the test did not declare.
        """
        self.migrated()
        connections[self.alias] = self.connection(self.alias)
        try:
            yield self.alias
        finally:
            connections[self.alias].close()
            del connections[self.alias]

    def connection(self, alias: str):
        return load_backend(self.settings_dict["ENGINE"]).DatabaseWrapper(self.settings_dict, alias)

    def table_contents(self) -> dict[str, list[tuple]]:
        with self.connected() as alias:
            return table_contents(alias)

    def remove(self) -> None:
        if self._migrating is not None:
            self._migrating.kill()
            self._migrating.communicate()
        if connection.vendor == "postgresql":
            self._postgres(f'DROP DATABASE IF EXISTS "{self.settings_dict["NAME"]}" WITH (FORCE)')


@pytest.fixture(scope="module", autouse=True)
def fresh(django_db_setup, tmp_path_factory):
    installation = FreshInstallation(tmp_path_factory.mktemp("frisch"))
    yield installation
    installation.remove()


# --- refusals: nothing changed ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """A backup of the test installation (migrated, no content) with one file: quick to take apart."""
    folder = tmp_path_factory.mktemp("klein")
    (folder / "media" / "gremien").mkdir(parents=True)
    (folder / "media" / "gremien" / "protokoll.pdf").write_bytes(PDF)
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=folder / "media"):
        make_backup(folder / "klein.tar.gz")
    return folder / "klein.tar.gz"


def refused(path: Path, media: Path) -> str:
    """The restore's German refusal; and the proof that it changed nothing."""
    before = table_contents()
    with pytest.raises(CommandError) as refusal:
        restore(path)
    assert table_contents() == before
    assert file_contents(media) == {}
    return str(refusal.value)


def test_the_backup_refuses_to_overwrite_a_file(tmp_path, media):
    existing = tmp_path / "vorhanden.tar.gz"
    existing.write_bytes(b"alt")
    with pytest.raises(CommandError, match="gibt es schon"):
        make_backup(existing)
    assert existing.read_bytes() == b"alt"


def test_the_restore_refuses_an_installation_with_accounts(small_archive, media, make_user):
    make_user(email="jemand@example.org")
    message = refused(small_archive, media)
    assert "nicht leer" in message
    assert "accounts.user (1 Zeilen)" in message


def test_the_restore_refuses_an_installation_with_files(small_archive, media):
    (media / "liegt-schon-da.txt").write_text("x")
    with pytest.raises(CommandError, match="liegen schon 1 Dateien"):
        restore(small_archive)
    assert file_contents(media) == {"liegt-schon-da.txt": b"x"}


def test_the_restore_refuses_other_migrations_and_names_them(small_archive, media, tmp_path):
    def other_migrations(data):
        data["migrations"]["places"].append("0099_zukunft")
        data["migrations"]["places"].remove("0003_areas")

    archive = changed_archive(small_archive, tmp_path / "andere.tar.gz", manifest=other_migrations)
    message = refused(archive, media)
    assert "Migrationsstand" in message
    assert "hier nicht angewandt: places.0099_zukunft" in message
    assert "nur hier angewandt: places.0003_areas" in message


def damaged_data(contents, data):
    name = "data/core.page.jsonl"
    contents[name] = contents[name].replace(b'"title": "', '"title": "Gefälscht: '.encode(), 1)


def dangling_reference(contents, data):
    # A group's permission for a group that does not exist; the checksums fit, only the rows do not.
    row = {"model": "auth.group_permissions", "pk": 1, "fields": {"group": 4711, "permission": 1}}
    contents["data/auth.group_permissions.jsonl"] = (json.dumps(row) + "\n").encode()
    data["tables"]["auth.group_permissions"].update(fingerprint(contents["data/auth.group_permissions.jsonl"]))
    data["tables"]["auth.group_permissions"]["rows"] = 1


def missing_file(contents, data):
    del contents["media/gremien/protokoll.pdf"]


def extra_file(contents, data):
    contents["media/../../etc/passwd"] = b"root"


def missing_table(contents, data):
    del contents["data/auth.group.jsonl"]
    del data["tables"]["auth.group"]


def wrong_row_count(contents, data):
    data["tables"]["core.page"]["rows"] += 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (damaged_data, "passt nicht zu seiner Prüfsumme"),
        (dangling_reference, "passen nicht zusammen"),
        (missing_file, "fehlt im Archiv"),
        (extra_file, "unerwarteter Eintrag"),
        (missing_table, "nur hier: auth.group"),
        (wrong_row_count, "Zeilen statt"),
    ],
)
def test_the_restore_refuses_a_damaged_archive(small_archive, media, tmp_path, change, expected):
    archive = changed_archive(small_archive, tmp_path / "beschädigt.tar.gz", members=change)
    assert expected in refused(archive, media)


def test_the_restore_refuses_what_is_no_backup(media, tmp_path):
    text = tmp_path / "notizen.tar.gz"
    text.write_text("Das ist keine Sicherung.")
    foreign = write_members(tmp_path / "fremd.tar.gz", {"README": b"Ein fremdes Archiv"})
    future = write_members(
        tmp_path / "zukunft.tar.gz",
        {"manifest.json": json.dumps({"format": backup.FORMAT, "format_version": 2}).encode()},
    )

    assert "gibt es nicht" in refused(tmp_path / "gibt-es-nicht.tar.gz", media)
    assert "keine lesbare Gemeinwohl-Sicherung" in refused(text, media)
    assert "keine Gemeinwohl-Sicherung" in refused(foreign, media)
    assert "Format 2" in refused(future, media)


def test_the_restore_refuses_a_truncated_archive(small_archive, media, tmp_path):
    truncated = tmp_path / "abgeschnitten.tar.gz"
    truncated.write_bytes(small_archive.read_bytes()[: small_archive.stat().st_size // 2])
    assert "keine lesbare Gemeinwohl-Sicherung" in refused(truncated, media)


def test_a_restore_failing_at_the_last_file_takes_back_rows_and_files(small_archive, media, monkeypatch):
    # given: an intact backup, and a disk that fails once the file is written
    def disk_fails(*args, **kwargs):
        raise OSError("Festplatte voll")

    monkeypatch.setattr(backup.os, "utime", disk_fails)
    before = table_contents()
    # when
    with pytest.raises(OSError, match="Festplatte voll"):
        restore(small_archive)
    # then: the rows are as before the restore, and the file it wrote is gone with its folder
    assert table_contents() == before
    assert list(media.iterdir()) == []


def test_an_intact_backup_restores_in_process(small_archive, media):
    # The same installation, emptied by the restore's own replacement: everything comes back as it was.
    before = table_contents()
    output = restore(small_archive)
    assert "1 Dateien" in output
    assert table_contents() == before
    assert file_contents(media) == {"gremien/protokoll.pdf": PDF}


def test_every_installed_model_is_backed_up():
    labels = {model._meta.label_lower for model in backed_up_models()}
    assert labels == {
        model._meta.label_lower
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    assert {"accounts.user_groups", "contenttypes.contenttype", "sessions.session"} <= labels


# --- the round trip (last: the fresh installation migrates in the background meanwhile) ----------------------------------------------------------------------------------------------------


def test_the_demo_with_its_files_comes_back_unchanged_in_a_fresh_installation(fresh, media):
    # given: the demo, an advice document and an event photo added the usual way, and a file in a subfolder
    call_command("load_demo", stdout=StringIO())
    worker = User.objects.get(email="intern@gemeinwohl.example")
    advice_actions.document_add(
        case=Case.objects.order_by("pk").first(),
        by=worker,
        upload=SimpleUploadedFile("vermerk.pdf", PDF, content_type="application/pdf"),
    )
    events_actions.photo_add(
        event=Event.objects.order_by("pk").first(),
        upload=SimpleUploadedFile("kiezspaziergang.png", PNG, content_type="image/png"),
        alt_text="Menschen auf einem Spaziergang durch den Kiez",
        by=worker,
    )
    (media / "archiv" / "2019" / "alt").mkdir(parents=True)
    (media / "archiv" / "2019" / "alt" / "notiz.txt").write_text("Ä, Ö, Ü und ß bleiben, wie sie sind.\n")
    archive = media.parent / "sicherung.tar.gz"

    # when: a backup is made, and restored by `manage.py restore` into the fresh installation
    output = make_backup(archive)
    fresh.migrated()
    # (whose tables with rows are those SEEDED_BY_MIGRATIONS names, no more and no fewer)
    assert {label for label, rows in fresh.table_contents().items() if rows} == SEEDED_BY_MIGRATIONS
    restored = fresh.manage("restore", str(archive))

    # then: every table and every file is there, nothing lost, nothing changed
    assert restored.returncode == 0, restored.stderr
    rows = sum(len(table) for table in table_contents().values())
    assert f"mit {rows} Zeilen aus {len(backed_up_models())} Tabellen und 3 Dateien" in output
    assert f"zurückgespielt: {rows} Zeilen in {len(backed_up_models())} Tabellen, 3 Dateien" in restored.stdout
    before, after = table_contents(), fresh.table_contents()
    assert before.keys() == after.keys()
    for label in before:
        assert after[label] == before[label], label
    assert all(
        before[label] for label in ("accounts.user", "committees.meeting", "advice.document", "events.eventphoto")
    )
    assert any(label.endswith("_organisers") and rows for label, rows in before.items())  # an m2m table
    files = file_contents(media)
    assert len(files) == 3
    assert file_contents(fresh.media_root) == files


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL: another connection writes meanwhile")
def test_a_write_during_the_backup_is_wholly_in_or_wholly_out(fresh, tmp_path, media, monkeypatch):
    # given: a backup of the fresh installation (committed rows, no test transaction around it) that,
    # after its first table, lets another connection commit a write to two other tables
    dump_table = backup._dump_table
    writes = []

    def dump_then_write(model, file, *, using):
        rows = dump_table(model, file, using=using)
        if not writes:
            other = fresh.connection("writer")
            try:
                with other.cursor() as cursor:
                    cursor.execute("BEGIN")
                    cursor.execute("UPDATE core_page SET title = 'Während der Sicherung geändert'")
                    cursor.execute(
                        "DELETE FROM oparl_legislativeterm WHERE id = (SELECT MAX(id) FROM oparl_legislativeterm)"
                    )
                    cursor.execute("COMMIT")
                    writes.append(model._meta.label_lower)
            finally:
                other.close()
        return rows

    monkeypatch.setattr(backup, "_dump_table", dump_then_write)
    with fresh.connected() as alias:
        before = table_contents(alias)
        # when
        backup.create_backup(tmp_path / "während.tar.gz", using=alias)
        after = table_contents(alias)

    # then: the write happened, and the backup shows the database as it was before it, in both tables
    assert writes
    assert len(after["oparl.legislativeterm"]) == len(before["oparl.legislativeterm"]) - 1
    members = read_members(tmp_path / "während.tar.gz")
    manifest = json.loads(members["manifest.json"])
    assert manifest["tables"]["oparl.legislativeterm"]["rows"] == len(before["oparl.legislativeterm"])
    pages = [json.loads(line) for line in members["data/core.page.jsonl"].splitlines()]
    assert len(pages) == len(before["core.page"]) > 0
    assert not any("Während" in page["fields"]["title"] for page in pages)

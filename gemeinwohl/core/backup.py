"""Backup and restore of a whole installation: every table and every uploaded file, in one archive.

``create_backup`` writes one ``.tar.gz``; ``restore_backup`` plays it back into
an empty installation. What they guarantee is said on each; the archive holds,
in this order:

``manifest.json``
    format and version, when and from what the backup was made (Django
    version, database vendor), the applied migrations per app, and per table
    its row count and the size and SHA-256 of its data file; size and SHA-256
    of every uploaded file. It comes first, so that a restore can refuse a
    foreign archive or a wrong installation before it reads anything else.
``data/<app_label>.<model_name>.jsonl``
    the rows of one table (every model of every installed app, the
    auto-created many-to-many tables included), ordered by primary key.
``media/<path>``
    every file under ``MEDIA_ROOT``, under its path there.

Why JSON Lines through Django's serialisers: the rows are written and read
field by field by Django (``value_to_string``/``to_python``), not as one
database's SQL, so a backup from PostgreSQL restores into SQLite and back. One
row per line means both directions stream (a table of 100,000 rows never sits
in memory at once, unlike one JSON document), and the files stay readable
with everyday tools (``zcat``, ``grep``, ``jq``). XML is slower and larger,
YAML needs an extra package and is slower still, a database dump
(``pg_dump``) ties the backup to one vendor and version.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connections, router, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

FORMAT = "gemeinwohl-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA_DIR = "data/"
MEDIA_DIR = "media/"

# Tables a freshly migrated installation already fills: Django's content types and permissions
# (post_migrate), and the seed rows of the data migrations (pages, consent texts, case types, event
# formats, Berlin's areas, criteria, obligations, legislative terms and their OParl entries). A restore
# replaces their rows with the backup's. The restore test checks this list against a fresh `migrate`.
SEEDED_BY_MIGRATIONS = frozenset(
    {
        "contenttypes.contenttype",
        "auth.permission",
        "core.page",
        "directory.consenttext",
        "advice.casetype",
        "advice.timelinestep",
        "advice.transition",
        "advice.consenttext",
        "advice.retentionpolicy",
        "events.eventformat",
        "places.area",
        "places.criterion",
        "landpolicy.obligation",
        "oparl.entry",
        "oparl.legislativeterm",
    }
)
# Sessions appear as soon as anybody visits the site; they are no content, and the backup's replace them.
REPLACED_ON_RESTORE = SEEDED_BY_MIGRATIONS | {"sessions.session"}

_CHUNK = 1024 * 1024
_MANIFEST_MAX_BYTES = 64 * 1024 * 1024
_ROWS_PER_READ = 2000


class BackupError(Exception):
    """A backup or restore that could not be done; the message (German) says why. Nothing was changed."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    size: int
    rows: dict[str, int]
    files: int
    file_bytes: int


@dataclass(frozen=True)
class RestoreSummary:
    rows: dict[str, int]
    files: int
    file_bytes: int
    created_at: str
    database_vendor: str


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds (as JavaScript would); a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models(using: str = "default") -> list[type[Model]]:
    """Every model with a table of its own in ``using``, many-to-many tables included, in app order."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and router.allow_migrate_model(using, model)
    ]


def megabytes(size: int) -> str:
    """``size`` bytes as German-written megabytes: "1,3 MB"."""
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def default_archive_name() -> str:
    return f"gemeinwohl-sicherung-{timezone.localtime():%Y-%m-%d-%H%M%S}.tar.gz"


# --- backup ---------------------------------------------------------------------------------------------------------


def create_backup(path: str | os.PathLike, *, using: str = "default") -> BackupSummary:
    """Write a complete, consistent backup of the installation to the new archive ``path``.

    Guarantees:
    - complete: every row of every table of every installed app (``backed_up_models``), and every
      file under ``MEDIA_ROOT``; the manifest lists row counts and file checksums to check against;
    - consistent: all tables are read in one transaction with one snapshot (PostgreSQL: REPEATABLE
      READ, READ ONLY; SQLite: one read transaction), so a write committed meanwhile is wholly in or
      wholly out. Called inside a transaction already (as in tests), it reads within that one.
      Files are read after the rows; uploads are never changed in place, and a file that changes
      while it is archived stops the backup instead of giving a checksum that does not fit;
    - never half written, never overwriting: the archive is built beside ``path`` and appears under
      that name only when complete; an existing file of that name is refused.
    """
    target = Path(path).absolute()
    media_root = Path(settings.MEDIA_ROOT).absolute()
    if target.exists():
        raise BackupError(
            f"{target} gibt es schon. Eine Sicherung überschreibt nichts; bitte einen neuen Namen wählen."
        )
    if not target.parent.is_dir():
        raise BackupError(f"Den Ordner {target.parent} gibt es nicht.")
    if target.parent.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(f"Die Sicherung darf nicht im Ordner der hochgeladenen Dateien ({media_root}) liegen.")

    connection = connections[using]
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".gemeinwohl-sicherung-") as staging_name:
        staging = Path(staging_name)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "django_version": django.get_version(),
            "database_vendor": connection.vendor,
        }
        tables = {}
        with _snapshot(connection):
            manifest["migrations"] = _applied_migrations(connection)
            for model in backed_up_models(using):
                label = model._meta.label_lower
                rows = _dump_table(model, staging / f"{label}.jsonl", using=using)
                tables[label] = {"table": model._meta.db_table, "rows": rows}
        for label, entry in tables.items():
            entry.update(_fingerprint(staging / f"{label}.jsonl"))
        manifest["tables"] = tables
        media = {name: _fingerprint(file) for name, file in _media_files(media_root)}
        manifest["media"] = media

        partial = staging / "archive.tar.gz"
        _write_archive(partial, manifest=manifest, staging=staging, media_root=media_root)
        size = partial.stat().st_size
        _publish(partial, target)

    return BackupSummary(
        path=target,
        size=size,
        rows={label: entry["rows"] for label, entry in tables.items()},
        files=len(media),
        file_bytes=sum(entry["size"] for entry in media.values()),
    )


@contextmanager
def _snapshot(connection) -> Iterator[None]:
    """One transaction whose reads all see the database as it was at its first read."""
    if connection.in_atomic_block:
        # The caller's transaction already fixes what we see (e.g. a test's uncommitted demo data).
        yield
        return
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            # Must be the transaction's first statement; the snapshot is taken at the first read.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        # SQLite: the atomic block's BEGIN; the first read takes a shared lock (or, in WAL mode, a
        # snapshot) that keeps every later read of this transaction on the same state.
        yield


def _applied_migrations(connection) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _dump_table(model: type[Model], file: Path, *, using: str) -> int:
    """Write the table's rows to ``file``, one JSON object per line, streamed from the database."""
    # Many-to-many links have tables (and models) of their own; leaving them out of the row keeps
    # each row one row and spares one query per object.
    fields = [field.name for field in model._meta.local_concrete_fields]
    rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=_ROWS_PER_READ)
    counted = _Counted(rows)
    with file.open("w", encoding="utf-8") as stream:
        serializers.serialize("jsonl", counted, stream=stream, fields=fields, cls=_ExactJSONEncoder)
    return counted.count


class _Counted:
    def __init__(self, iterable):
        self.iterable = iterable
        self.count = 0

    def __iter__(self):
        for item in self.iterable:
            self.count += 1
            yield item


def _media_files(media_root: Path) -> list[tuple[str, Path]]:
    """Every regular file under ``media_root`` as (path inside the archive's media/, file), sorted."""
    found = []
    if not media_root.is_dir():
        return found
    for folder, subfolders, names in os.walk(media_root):
        subfolders.sort()
        for name in names:
            file = Path(folder) / name
            if file.is_file() and not file.is_symlink():
                found.append((file.relative_to(media_root).as_posix(), file))
    return sorted(found)


def _fingerprint(file: Path) -> dict:
    with file.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    return {"size": file.stat().st_size, "sha256": digest}


def _write_archive(archive_path: Path, *, manifest: dict, staging: Path, media_root: Path) -> None:
    created = datetime.datetime.fromisoformat(manifest["created_at"]).timestamp()
    with tarfile.open(archive_path, "w:gz", compresslevel=6) as archive:
        encoded = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
        _add(archive, MANIFEST, io.BytesIO(encoded), size=len(encoded), mtime=created)
        for label, entry in manifest["tables"].items():
            with (staging / f"{label}.jsonl").open("rb") as stream:
                _add_checked(archive, f"{DATA_DIR}{label}.jsonl", stream, entry, mtime=created)
        for name, entry in manifest["media"].items():
            file = media_root / name
            try:
                stream = file.open("rb")
            except OSError as error:
                raise BackupError(f"Die Datei {file} ließ sich nicht lesen ({error}); bitte erneut sichern.") from error
            with stream:
                _add_checked(archive, f"{MEDIA_DIR}{name}", stream, entry, mtime=file.stat().st_mtime)


def _add_checked(archive: tarfile.TarFile, name: str, stream, entry: dict, *, mtime: float) -> None:
    reader = _HashingReader(stream)
    try:
        _add(archive, name, reader, size=entry["size"], mtime=mtime)
    except OSError as error:  # tarfile: the file got shorter than its size
        raise BackupError(f"{name} hat sich während der Sicherung geändert; bitte erneut sichern.") from error
    if reader.hexdigest() != entry["sha256"]:
        raise BackupError(f"{name} hat sich während der Sicherung geändert; bitte erneut sichern.")


def _add(archive: tarfile.TarFile, name: str, stream, *, size: int, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o644
    archive.addfile(info, stream)


class _HashingReader:
    """A read-only file that hashes what is read through it."""

    def __init__(self, stream):
        self.stream = stream
        self.hash = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.hash.update(data)
        self.size += len(data)
        return data

    def hexdigest(self) -> str:
        return self.hash.hexdigest()


def _publish(partial: Path, target: Path) -> None:
    """Give the finished archive its name, refusing (atomically, where the file system can) to overwrite."""
    try:
        os.link(partial, target)
    except FileExistsError as error:
        raise BackupError(f"{target} gibt es schon. Eine Sicherung überschreibt nichts.") from error
    except OSError:
        # A file system without hard links: check, then rename.
        if target.exists():
            raise BackupError(f"{target} gibt es schon. Eine Sicherung überschreibt nichts.") from None
        shutil.move(partial, target)


# --- restore --------------------------------------------------------------------------------------------------------


def restore_backup(path: str | os.PathLike, *, using: str = "default") -> RestoreSummary:
    """Restore the backup ``path`` into this installation, which must be empty; all or nothing.

    Refuses, changing nothing, when: the file is missing, not an archive, not a Gemeinwohl backup, of
    another format version, damaged (a size or checksum differs from the manifest, something is
    missing or extra); the database is not migrated to exactly the backup's migrations; or the
    installation holds content: rows beyond what ``migrate`` creates (``REPLACED_ON_RESTORE``), or
    files under ``MEDIA_ROOT``.

    Guarantees, once it starts writing:
    - in one transaction, the rows ``migrate`` created (content types, permissions, the data
      migrations' seed rows) are replaced by the backup's rows, primary keys kept, many-to-many
      tables included. Content types and permissions come back with their pks, so everything that
      points at them (admin log entries, group and user permissions) stays right without remapping,
      stale content types of removed models included. Foreign keys are checked at the end, not row
      by row (Django creates them deferrable), so self-references and cycles load in any order;
      PostgreSQL's sequences continue after the highest restored pk;
    - every table ends with exactly the manifest's row count;
    - the files are written into the empty ``MEDIA_ROOT`` and each checked against its SHA-256
      before the transaction commits; if anything fails, the transaction rolls back and the files
      written so far are removed again.
    No model's ``save()`` runs and no signal is sent: what is restored is the backup, not what the
    application would derive from it.
    """
    source = Path(path)
    if not source.is_file():
        raise BackupError(f"Die Datei {source} gibt es nicht.")
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)

    with tempfile.TemporaryDirectory(prefix="gemeinwohl-wiederherstellung-") as staging_name:
        staging = Path(staging_name)
        with _reading(source) as members:
            manifest = _read_manifest(next(members, None), source)
            _check_installation(connection, manifest, media_root, using=using)
            _stage(members, manifest, staging)

        written: list[Path] = []
        try:
            with transaction.atomic(using=using):
                _check_installation(connection, manifest, media_root, using=using)
                rows = _replace_rows(connection, manifest, staging, using=using)
                with _reading(source) as members:
                    _write_media(members, manifest, media_root, written)
        except BaseException:
            _remove(written, media_root)
            raise
        finally:
            ContentType.objects.clear_cache()

    media = manifest["media"]
    return RestoreSummary(
        rows=rows,
        files=len(media),
        file_bytes=sum(entry["size"] for entry in media.values()),
        created_at=manifest["created_at"],
        database_vendor=manifest["database_vendor"],
    )


_READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, OSError)


@contextmanager
def _reading(source: Path) -> Iterator[Iterator[tuple[tarfile.TarInfo, object]]]:
    """The archive's members in order, each with its content, read as one stream.

    Whatever goes wrong while reading the archive becomes a BackupError; errors of the caller's own
    work (writing a file, the database) pass through as they are.
    """

    def unreadable(error: Exception) -> BackupError:
        return BackupError(
            f"{source} ist keine lesbare Gemeinwohl-Sicherung (kein vollständiges tar.gz-Archiv: {error})."
        )

    try:
        archive = tarfile.open(source, "r|gz")  # noqa: SIM115 (closed below; errors of opening are ours)
    except _READ_ERRORS as error:
        raise unreadable(error) from error

    def members():
        iterator = iter(archive)
        while True:
            try:
                member = next(iterator)
            except StopIteration:
                return
            except _READ_ERRORS as error:
                raise unreadable(error) from error
            content = _ArchiveContent(archive.extractfile(member), unreadable) if member.isfile() else None
            yield member, content

    with archive:
        yield members()


class _ArchiveContent:
    """A member's content, whose read errors say that the archive is damaged."""

    def __init__(self, stream, unreadable):
        self.stream = stream
        self.unreadable = unreadable

    def read(self, size: int = -1) -> bytes:
        try:
            return self.stream.read(size)
        except _READ_ERRORS as error:
            raise self.unreadable(error) from error


def _read_manifest(first, source: Path) -> dict:
    foreign = f"{source} ist keine Gemeinwohl-Sicherung (das Manifest fehlt oder ist unlesbar)."
    if first is None:
        raise BackupError(foreign)
    member, content = first
    if member.name != MANIFEST or content is None or member.size > _MANIFEST_MAX_BYTES:
        raise BackupError(foreign)
    try:
        manifest = json.loads(content.read())
    except (ValueError, UnicodeDecodeError) as error:
        raise BackupError(foreign) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(foreign)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"Die Sicherung hat das Format {manifest.get('format_version')!r}; "
            f"diese Version von Gemeinwohl liest nur Format {FORMAT_VERSION}."
        )
    try:
        _check_manifest(manifest)
    except (LookupError, TypeError, ValueError, AttributeError) as error:
        raise BackupError(f"{source}: das Manifest ist beschädigt ({error}).") from error
    return manifest


def _check_manifest(manifest: dict) -> None:
    """Raises LookupError, TypeError or ValueError where the manifest is not what ``create_backup`` writes."""
    for key in ("created_at", "database_vendor", "django_version"):
        if not isinstance(manifest[key], str):
            raise TypeError(key)
    for app_label, names in manifest["migrations"].items():
        if not isinstance(app_label, str) or not all(isinstance(name, str) for name in names):
            raise TypeError("migrations")
    for label, entry in manifest["tables"].items():
        apps.get_model(label)  # LookupError: a table this installation does not know
        _check_entry(entry)
        if not isinstance(entry["rows"], int) or entry["rows"] < 0:
            raise ValueError(label)
    for name, entry in manifest["media"].items():
        _safe_relative(name)
        _check_entry(entry)


def _check_entry(entry: dict) -> None:
    if not isinstance(entry["size"], int) or entry["size"] < 0 or not isinstance(entry["sha256"], str):
        raise TypeError(entry)


def _safe_relative(name: str) -> PurePosixPath:
    """``name`` as a path that stays inside the folder it is written into, or ValueError."""
    path = PurePosixPath(name)
    if not name or "\x00" in name or path.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")):
        raise ValueError(f"Pfad {name!r}")
    return path


def _check_installation(connection, manifest: dict, media_root: Path, *, using: str) -> None:
    """Raises BackupError unless this installation has the backup's migrations and holds no content."""
    here = {(app, name) for app, names in _applied_migrations(connection).items() for name in names}
    there = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    if here != there:
        if not here:
            raise BackupError(
                "Die Datenbank ist nicht migriert. Bitte zuerst `manage.py migrate` ausführen, dann zurückspielen."
            )
        differences = []
        if missing := sorted(there - here):
            differences.append("hier nicht angewandt: " + ", ".join(f"{app}.{name}" for app, name in missing))
        if extra := sorted(here - there):
            differences.append("nur hier angewandt: " + ", ".join(f"{app}.{name}" for app, name in extra))
        raise BackupError(
            "Die Datenbank hat nicht den Migrationsstand der Sicherung ("
            + "; ".join(differences)
            + "). Bitte eine Installation derselben Version verwenden und genau bis dorthin migrieren."
        )

    here = {model._meta.label_lower for model in backed_up_models(using)}
    there = set(manifest["tables"])
    if here != there:
        differences = [f"nur in der Sicherung: {', '.join(sorted(there - here))}"] if there - here else []
        differences += [f"nur hier: {', '.join(sorted(here - there))}"] if here - there else []
        raise BackupError(
            f"Die Sicherung hat nicht dieselben Tabellen wie diese Installation ({'; '.join(differences)})."
        )

    content = [
        f"{model._meta.label_lower} ({count} Zeilen)"
        for model in backed_up_models(using)
        if model._meta.label_lower not in REPLACED_ON_RESTORE and (count := model._base_manager.using(using).count())
    ]
    if content:
        raise BackupError(
            "Die Installation ist nicht leer: "
            + ", ".join(content)
            + ". Eine Sicherung wird nur in eine frisch migrierte Installation ohne Konten und Inhalte zurückgespielt."
        )
    if files := _media_files(media_root):
        raise BackupError(
            f"Im Ordner der hochgeladenen Dateien ({media_root}) liegen schon {len(files)} Dateien "
            f"(z. B. {files[0][0]}). Eine Sicherung wird nur in eine leere Installation zurückgespielt."
        )


def _stage(members, manifest: dict, staging: Path) -> None:
    """Read the archive once: unpack the tables' data into ``staging``, check every size and checksum."""
    expected = {f"{DATA_DIR}{label}.jsonl": entry for label, entry in manifest["tables"].items()}
    expected |= {f"{MEDIA_DIR}{name}": entry for name, entry in manifest["media"].items()}
    seen = set()
    for member, content in members:
        entry = expected.get(member.name)
        if entry is None or content is None or member.name in seen:
            raise BackupError(f"Die Sicherung ist beschädigt: unerwarteter Eintrag {member.name!r} im Archiv.")
        seen.add(member.name)
        if member.name.startswith(DATA_DIR):
            with (staging / member.name.removeprefix(DATA_DIR)).open("wb") as out:
                reader = _copy(content, out)
        else:
            reader = _copy(content, None)
        _check_read(member.name, reader, entry)
    if missing := sorted(set(expected) - seen):
        raise BackupError(f"Die Sicherung ist unvollständig: {missing[0]} fehlt im Archiv ({len(missing)} fehlen).")


def _copy(content, out) -> _HashingReader:
    reader = _HashingReader(content)
    while chunk := reader.read(_CHUNK):
        if out is not None:
            out.write(chunk)
    return reader


def _check_read(name: str, reader: _HashingReader, entry: dict) -> None:
    if reader.size != entry["size"] or reader.hexdigest() != entry["sha256"]:
        raise BackupError(f"Die Sicherung ist beschädigt: {name} passt nicht zu seiner Prüfsumme im Manifest.")


def _replace_rows(connection, manifest: dict, staging: Path, *, using: str) -> dict[str, int]:
    models = backed_up_models(using)
    with connection.cursor() as cursor:
        for model in models:
            # Plain DELETE, no Django cascade: every table is refilled below, and the foreign keys
            # are checked once at the end.
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608

    rows = {}
    for label, entry in manifest["tables"].items():
        model = apps.get_model(label)
        rows[label] = _load_table(model, staging / f"{label}.jsonl", using=using)
        if rows[label] != entry["rows"]:
            raise BackupError(
                f"Die Sicherung ist beschädigt: {label} hat {rows[label]} Zeilen statt {entry['rows']} laut Manifest."
            )

    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in models])
    except DatabaseError as error:
        raise BackupError(f"Die Daten der Sicherung passen nicht zusammen: {error}") from error
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return rows


def _load_table(model: type[Model], file: Path, *, using: str) -> int:
    """Insert the rows of ``file`` as they are (pks, timestamps), in batches, without save() or signals."""
    connection = connections[using]
    fields = model._meta.local_concrete_fields
    batch_size = max(1, min(1000, connection.ops.bulk_batch_size(fields, [None] * 1000)))
    label = model._meta.label_lower
    batch, count = [], 0
    with file.open(encoding="utf-8") as stream:
        try:
            for item in serializers.deserialize("jsonl", stream, using=using):
                if type(item.object) is not model:
                    raise BackupError(
                        f"Die Sicherung ist beschädigt: in {label} steht eine Zeile von {item.object._meta.label_lower}."
                    )
                batch.append(item.object)
                if len(batch) == batch_size:
                    count += _insert(model, batch, fields, using=using)
                    batch = []
        except DeserializationError as error:
            raise BackupError(f"Die Sicherung ist beschädigt: {label} ist nicht lesbar ({error}).") from error
    if batch:
        count += _insert(model, batch, fields, using=using)
    return count


def _insert(model: type[Model], objs: list[Model], fields, *, using: str) -> int:
    # raw=True, as loaddata's save_base(raw=True): values go in as they are. bulk_create() would let
    # auto_now/auto_now_add fields stamp the time of the restore over the backup's.
    try:
        model._base_manager._insert(objs, fields=fields, using=using, raw=True)
    except DatabaseError as error:
        raise BackupError(
            f"Die Zeilen von {model._meta.label_lower} ließen sich nicht einfügen: {error}".strip()
        ) from error
    return len(objs)


def _write_media(members, manifest: dict, media_root: Path, written: list[Path]) -> None:
    """Write every file of the archive under ``media_root`` (never over an existing one), each checked on disk."""
    media = manifest["media"]
    for member, content in members:
        if not member.name.startswith(MEDIA_DIR):
            continue
        name = member.name.removeprefix(MEDIA_DIR)
        entry = media[name]  # _stage has checked that every member is in the manifest, once
        target = media_root.joinpath(*_safe_relative(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("xb") as out:
            written.append(target)
            _copy(content, out)
        os.utime(target, (member.mtime, member.mtime))
        if _fingerprint(target) != {"size": entry["size"], "sha256": entry["sha256"]}:
            raise BackupError(f"Die Datei {target} ist nach dem Schreiben nicht wie in der Sicherung.")
    if len(written) != len(media):
        raise BackupError("Die Sicherung ist beim zweiten Lesen nicht mehr vollständig.")


def _remove(written: list[Path], media_root: Path) -> None:
    """Take back the files a failed restore wrote, and the folders it made for them."""
    for file in written:
        file.unlink(missing_ok=True)
        folder = file.parent
        while folder != media_root and folder.is_relative_to(media_root):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent

"""Applying an import's items to the owner's collection, a batch at a time: each batch is one
transaction that takes the collection's write protocol once, and records its rows' reports
and the import's counts with the data, so that what is applied and what is reported never
differ. A dry run applies each batch the same way and rolls it back."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from collection.media import medium_from_form
from collection.models import TITLE_KINDS, Copy, Loan, Location
from collection.services import collection_write
from collection.validators import clean_barcode, clean_currency, validate_extra
from transfer.export import LOCATION_SEPARATOR
from transfer.matching import TitleIndex, find_title, new_title, ref_key, tmdb_match
from transfer.models import Import, ImportedCopy, ImportRow, RowStatus
from transfer.sources.base import CopyData, Item, TitleRef
from transfer.titles import SECTIONS, part_fields, part_model, part_number, parts

COPY_FKS = {"location"}


@dataclass
class Outcome:
    status: str
    matched: dict[str, Any] | None = None
    message: str = ""


class RowRejected(Exception):
    pass


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(f"{field}: {' '.join(m)}" for field, m in error.message_dict.items())
    return " ".join(error.messages)


def _rejection(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return _messages(error)
    if isinstance(error, DatabaseError):  # a constraint the checks did not foresee
        return f"Not stored: {error}"
    return str(error)


class Applier:
    """Applies items for one import; remembers, in a dry run, what earlier (rolled back)
    batches would have made, so that later rows report as a real run would."""

    def __init__(self, run: Import) -> None:
        self.run = run
        self.owner_id = run.owner_id
        self.planned_titles: set[tuple] = set()
        self.planned_copies: dict[str, dict[str, Any]] = {}
        self.planned_locations: set[str] = set()
        self.known: dict[str, ImportedCopy] = {}  # the batch's copies made by earlier imports
        self.refs: list[TitleRef] = []
        self.titles = TitleIndex(self.owner_id, [])

    # --- lookups, before the batch's transaction ------------------------------------------

    def resolve(self, items: Iterable[Item]) -> None:
        """Titles to look up on TMDb (letterboxd's) are looked up now, outside any
        transaction; a failed match makes the row unmatched."""
        for item in items:
            ref = item.title
            if ref is None or not ref.look_up or item.skip or item.reject:
                continue
            if find_title(self.owner_id, ref) is not None:
                ref.look_up = False
                continue
            found, why = tmdb_match(ref)
            if found is None:
                item.extra["unmatched"] = why
            else:
                item.title = found

    # --- one batch ------------------------------------------------------------------------

    def apply_batch(self, items: list[Item]) -> list[Outcome]:
        with collection_write(owner_id=self.owner_id):
            keys = [data.key for item in items for data in item.copies]
            known = ImportedCopy.objects.filter(
                owner_id=self.owner_id, source=self.run.source, key__in=keys
            ).select_related("copy")
            self.known = {imported.key: imported for imported in known}
            self.refs = [item.title for item in items if item.title is not None]
            self.titles = TitleIndex(self.owner_id, self.refs)
            outcomes = [self._apply_row(item) for item in items]
            if self.run.dry_run:
                transaction.set_rollback(True)
            else:
                self._record(items, outcomes)
        if self.run.dry_run:
            with transaction.atomic():
                self._record(items, outcomes)
        return outcomes

    def _record(self, items: list[Item], outcomes: list[Outcome]) -> None:
        ImportRow.objects.bulk_create(
            ImportRow(
                run=self.run, row=i.row, status=o.status, matched=o.matched, message=o.message
            )
            for i, o in zip(items, outcomes, strict=True)
        )
        counts: dict[str, Any] = {}
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        Import.objects.filter(pk=self.run.pk).update(
            processed=F("processed") + len(items),
            heartbeat_at=timezone.now(),
            **{status: F(status) + n for status, n in counts.items()},
        )

    def _apply_row(self, item: Item) -> Outcome:
        if item.skip:
            return Outcome(RowStatus.SKIPPED, message=item.skip)
        if item.reject:
            return Outcome(RowStatus.REJECTED, message=item.reject)
        if "unmatched" in item.extra:
            return Outcome(RowStatus.UNMATCHED, message=item.extra["unmatched"])
        known = dict(self.known)  # a rejected row's copies are rolled back: forget them too
        try:
            with transaction.atomic():
                if "location" in item.extra:
                    return self._location_row(item.extra["location"], item.extra["fields"])
                return self._title_row(item)
        except (RowRejected, ValidationError, DatabaseError) as error:
            self.known = known  # and what the index learnt of it: read it again
            self.titles = TitleIndex(self.owner_id, self.refs)
            return Outcome(RowStatus.REJECTED, message=_rejection(error))

    def _location_row(self, path: str, fields: dict[str, str]) -> Outcome:
        pk, made = self.location_id(path)
        place = Location.objects.get(pk=pk)
        changed = {k: v for k, v in fields.items() if getattr(place, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(place, name, value)
            place.full_clean(exclude=["owner", "parent"], validate_unique=False)
            place.save(update_fields=[*changed, "updated_at"])
        status = "created" if made else "updated" if changed else "unchanged"
        return Outcome(status, {"location": path})

    def location_id(self, path: str) -> tuple[int | None, bool]:
        """The location at this path ("Living room > Shelf 2"), made where missing."""
        parent, made = None, False
        for name in filter(None, (part.strip() for part in path.split(LOCATION_SEPARATOR))):
            found = Location.objects.filter(
                owner_id=self.owner_id, parent_id=parent, name__iexact=name[:100]
            ).first()
            if found is None:
                found = Location(owner_id=self.owner_id, parent_id=parent, name=name[:100])
                found.save()
                made = True
            parent = found.pk
        if self.run.dry_run:
            made, planned = made and path not in self.planned_locations, made
            if planned:
                self.planned_locations.add(path)
        return parent, made

    def _title_row(self, item: Item) -> Outcome:
        ref = item.title
        assert ref is not None
        if ref.kind not in TITLE_KINDS:
            return Outcome(RowStatus.SKIPPED, message=f"{SECTIONS[ref.kind]} are not kept here.")
        title, title_made = self._title(ref)
        changes = [
            self._part(title, ref.kind, part, fields)[1]
            for part, rows in item.extra.get("parts", {}).items()
            for fields in rows
        ]
        changes += [self._copy(title, ref, data) for data in item.copies]
        if title_made or RowStatus.CREATED in changes:
            status = RowStatus.CREATED
        elif RowStatus.UPDATED in changes:
            status = RowStatus.UPDATED
        else:
            status = RowStatus.UNCHANGED
        matched = {"kind": ref.kind, "title": title.title, "year": ref.year}
        matched["id"] = None if self.run.dry_run and title_made else title.pk
        matched["copies"] = len(item.copies)
        return Outcome(status, matched)

    def _title(self, ref: TitleRef) -> tuple[Any, bool]:
        title = self.titles.find(ref)
        if title is not None:
            return title, False
        if not ref.title:
            raise RowRejected("The row names no title.")
        title = new_title(self.owner_id, ref)
        title.save()
        self.titles.add(ref.kind, title)
        key = ref_key(ref)
        already_planned = key in self.planned_titles
        if self.run.dry_run:
            self.planned_titles.add(key)
        return title, not already_planned

    def _part(self, title: Any, kind: str, part: str, given: dict[str, Any]) -> tuple[Any, str]:
        """The title's part (a show's season) with this number, made or brought up to date."""
        number_field = part_number(kind, part)
        number = given.get(number_field)
        model = part_model(part)
        values = {
            k: model._meta.get_field(k).to_python(v)
            for k, v in given.items()
            if k in part_fields(kind, part) and k != "id"
        }
        found = model.objects.filter(
            **{TITLE_KINDS[kind].field: title, number_field: number}
        ).first()
        if found is None:
            values.setdefault("title", f"{part.capitalize()} {number}")
            found = model(owner_id=self.owner_id, **{TITLE_KINDS[kind].field: title}, **values)
            found.full_clean(exclude=["owner", TITLE_KINDS[kind].field], validate_unique=False)
            found.save()
            return found, RowStatus.CREATED
        changed = {k: v for k, v in values.items() if getattr(found, k) != v}
        for name, value in changed.items():
            setattr(found, name, value)
        if changed:
            found.full_clean(exclude=["owner", TITLE_KINDS[kind].field], validate_unique=False)
            found.save()
        return found, RowStatus.UPDATED if changed else RowStatus.UNCHANGED

    def _copy(self, title: Any, ref: TitleRef, data: CopyData) -> str:
        raw = dict(data.fields)
        named_parts = {part: raw.pop(part) for part in parts(ref.kind) if part in raw}
        fields, location = self._copy_fields(raw)
        for part, number in named_parts.items():
            number_field = part_number(ref.kind, part)
            found = (
                self._part(title, ref.kind, part, {number_field: number})[0]
                if number is not None
                else None
            )
            fields[f"{part}_id"] = found.pk if found is not None else None
        if location is not None:
            fields["location_id"] = self.location_id(location)[0] if location else None
        known = (
            ImportedCopy.objects.filter(
                owner_id=self.owner_id, source=self.run.source, key=data.key
            )
            .select_related("copy")
            .first()
        )
        if known is None and data.key in self.planned_copies:
            before = self.planned_copies[data.key]
            return RowStatus.UNCHANGED if before == fields else RowStatus.UPDATED
        if self.run.dry_run:
            self.planned_copies[data.key] = fields
        if known is not None:
            return self._update(known.copy, fields, data)
        copy = Copy(owner_id=self.owner_id, **{TITLE_KINDS[ref.kind].field: title}, **fields)
        copy.save()
        self.known[data.key] = ImportedCopy.objects.create(
            owner_id=self.owner_id, source=self.run.source, key=data.key, copy=copy
        )
        self._loans(copy, data)
        return RowStatus.CREATED

    def _update(self, copy: Copy, fields: dict[str, Any], data: CopyData) -> str:
        changed = {f: v for f, v in fields.items() if getattr(copy, f) != v}
        for field, value in changed.items():
            setattr(copy, field, value)
        if changed:
            copy.save(update_fields=[*changed, "updated_at"])
        loans = self._loans(copy, data)
        return RowStatus.UPDATED if changed or loans else RowStatus.UNCHANGED

    def _loans(self, copy: Copy, data: CopyData) -> int:
        """The copy's loans that it does not have yet (the same borrower and day)."""
        made = 0
        for loan in data.loans:
            fields = {
                k: v for k, v in loan.items() if k not in ("id", "copy", "created_at", "updated_at")
            }
            if not Loan.objects.filter(
                copy=copy, borrower=fields.get("borrower"), lent_on=fields.get("lent_on")
            ).exists():
                made_loan = Loan(owner_id=self.owner_id, copy=copy, **fields)
                made_loan.clean_fields(exclude=["owner", "copy"])
                made_loan.save()
                made += 1
        return made

    @staticmethod
    def _copy_fields(raw: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        """The copy's fields, checked as the API checks them; and its location's path
        (None when the source says nothing of it)."""
        values = dict(raw)
        location = values.pop("location", None)
        if values.get("form") and "medium" not in values:
            values["medium"] = medium_from_form(values["form"])
        try:
            if "barcode" in values:
                values["barcode"] = clean_barcode(values["barcode"] or "")
            if "currency" in values:
                values["currency"] = clean_currency(values["currency"] or "")
            if "extra" in values:
                validate_extra(values["extra"])
        except ValidationError as error:
            raise RowRejected(_messages(error)) from None
        copy = Copy(**values)
        names = {f.name for f in Copy._meta.concrete_fields}
        copy.clean_fields(exclude=[name for name in names if name not in values])
        if copy.price is not None and not copy.currency:
            raise RowRejected("price: a currency is required with a price.")
        return {field: getattr(copy, field) for field in values}, location

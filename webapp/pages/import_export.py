"""Import and export: bring a spreadsheet in (officers and admins: map its columns and
statuses, dry run, import all or nothing) and take the whole tracker out (admins and
leadership). The work is in tracker/importer.py and tracker/export.py."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from tracker import export, importer
from tracker.auth import can
from tracker.counting import how_many
from tracker.errors import TrackerError
from tracker.spreadsheet import MAX_FILE_BYTES, MAX_HISTORY_ROWS, MAX_SHEET_ROWS, read_file
from tracker.spreadsheets import csv_bytes
from tracker.vocabulary import TRACK_LABELS, statuses
from webapp.access import guard
from webapp.common import db, plain, read

guard("read_internal")
st.title("Import and export")
NOT_IMPORTED = "(not imported)"
LEFT_OUT = "(leave this sheet out)"
STATE = "import_state"

parts = []
if can("record"):
    parts.append("Import a spreadsheet")
if can("export"):
    parts.append("Export everything")
if not parts:
    st.info(
        "Importing is for program officers and administrators; exporting the whole tracker "
        "is for administrators and leadership."
    )
    st.stop()
tabs = dict(zip(parts, st.tabs(parts, key="import_export_tab"), strict=True))  # kept on rerun


def _status_options() -> dict[str, str]:
    """Status code -> label shown ("Outcome: Achieved")."""
    rows = read(statuses)
    return {
        code: f"{TRACK_LABELS[track]}: {label}"
        for track, code, label in zip(rows["track"], rows["code"], rows["label"], strict=True)
    }


def _load(upload) -> dict | None:
    """Read the uploaded file once per file (not on every rerun) and propose a mapping."""
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    state = st.session_state.get(STATE)
    if state and state["digest"] == digest:
        return state
    try:
        with st.spinner("Reading the file..."):
            book = read_file(data, upload.name)
    except TrackerError as error:
        st.session_state.pop(STATE, None)
        st.error(plain(error.message), icon=":material/error:")
        return None
    state = {
        "digest": digest,
        "data": data,
        "book": book,
        "mapping": importer.guess_mapping(db(), book),
        "plan": None,
        "done": None,
    }
    st.session_state[STATE] = state
    return state


def _cells(count: int, per_row: int = 3) -> list:
    """``count`` cells in reading order: a row of ``per_row`` columns for each ``per_row``
    items, so that on a phone, where columns stack, they still read A, B, C (one set of three
    columns read A, D, G, B, ...)."""
    cells = []
    for _ in range(0, count, per_row):
        cells.extend(st.columns(per_row))
    return cells[:count]


def _column_mapping(state: dict) -> None:
    book, mapping = state["book"], state["mapping"]
    sheets = {s.name: s for s in book.sheets}
    kinds = {kind: label for kind, label in importer.KIND_LABELS.items()}
    for number, sheet_map in enumerate(list(mapping.sheets)):
        sheet = sheets[sheet_map.sheet]
        if not sheet.rows:
            continue
        title = (
            f"Sheet '{sheet.name}': {kinds[sheet_map.kind].lower()}, headers on row "
            f"{sheet_map.header_row}"
            if sheet_map.kind
            else f"Sheet '{sheet.name}': left out"
        )
        with st.expander(title, expanded=bool(sheet_map.kind)):
            left, right = st.columns(2)
            choices = ["", *kinds]
            kind = left.selectbox(
                "Read this sheet as",
                choices,
                index=choices.index(sheet_map.kind),
                format_func=lambda k: kinds.get(k, LEFT_OUT),
                key=f"kind_{state['digest'][:8]}_{number}",
            )
            rows = [n for n, _ in sheet.rows[:20]]
            header_row = right.selectbox(
                "Headers are on row",
                rows,
                index=rows.index(sheet_map.header_row) if sheet_map.header_row in rows else 0,
                key=f"header_{state['digest'][:8]}_{number}",
            )
            if (kind, header_row) != (sheet_map.kind, sheet_map.header_row):
                mapping.sheets[number] = importer.sheet_mapping(sheet, kind, header_row)
                importer.refresh_statuses(db(), book, mapping)
                state["plan"] = None
                st.rerun()
            if not kind:
                continue
            labels = importer.field_labels(kind)
            options = ["", *labels]
            example = next((v for n, v in sheet.rows if n > header_row), [])
            grid = _cells(len(sheet_map.fields))
            for cell, (column, field) in zip(grid, sheet_map.fields.items(), strict=True):
                sample = example[column - 1] if column <= len(example) else None
                chosen = cell.selectbox(
                    sheet_map.column_name(column),
                    options,
                    index=options.index(field) if field in options else 0,
                    format_func=lambda f, labels=labels: labels.get(f, NOT_IMPORTED),
                    help=f"First value: {sample}" if sample not in (None, "") else None,
                    key=f"field_{state['digest'][:8]}_{number}_{column}",
                )
                if chosen != field:
                    sheet_map.fields[column] = chosen
                    importer.refresh_statuses(db(), book, mapping)
                    state["plan"] = None


def _status_mapping(state: dict) -> None:
    mapping = state["mapping"]
    if not mapping.status_words:
        return
    st.subheader("Statuses")
    unmapped = mapping.unmapped_statuses()
    if unmapped:
        st.warning(
            f"{how_many(len(unmapped), 'status', 'statuses')} in the sheet "
            f"{'are' if len(unmapped) != 1 else 'is'} not mapped yet: "
            + ", ".join(f"'{plain(w)}'" for w in unmapped)
            + ". Pick the status each one means.",
            icon=":material/help:",
        )
    else:
        st.caption("Every status word in the sheet is mapped to the tracker's vocabulary.")
    options = _status_options()
    codes = ["", *options]
    grid = _cells(len(mapping.status_words))
    for number, (key, (text, count)) in enumerate(mapping.status_words.items()):
        current = mapping.statuses.get(key, "")
        chosen = grid[number].selectbox(
            f"“{text}” ({how_many(count, 'row')})",
            codes,
            index=codes.index(current) if current in codes else 0,
            format_func=lambda c: options.get(c, "(not mapped)"),
            key=f"status_{state['digest'][:8]}_{key}",
        )
        if chosen != current:
            mapping.statuses[key] = chosen
            state["plan"] = None


def _defaults(state: dict) -> None:
    mapping = state["mapping"]
    if not any(s.kind == "asks" for s in mapping.sheets):
        return
    st.subheader("For every new ask without one")
    fields = [("target", "Target"), ("theme", "Theme"), ("country", "Country"), ("owner", "Owner")]
    if any(
        {"letter", "letter_date"} & set(s.fields.values())
        for s in mapping.sheets
        if s.kind == "asks"
    ):
        fields.append(("author_org", "Letters' author (new letters)"))
    cells = st.columns(len(fields))
    for cell, (name, label) in zip(cells, fields, strict=True):
        value = cell.text_input(label, value=mapping.defaults.get(name, ""), key=f"default_{name}")
        if value.strip() != mapping.defaults.get(name, ""):
            mapping.defaults[name] = value.strip()
            state["plan"] = None
    day_first = st.radio(
        "Dates written like 03/04/2024 mean",
        [True, False],
        index=0 if mapping.day_first else 1,
        format_func=lambda d: "3 April 2024 (day first)" if d else "March 4, 2024 (month first)",
        horizontal=True,
        key="day_first",
    )
    if day_first != mapping.day_first:
        mapping.day_first = day_first
        state["plan"] = None


def _row(value) -> str:
    return "" if pd.isna(value) else str(int(value))


def _problem_grid(table: pd.DataFrame) -> None:
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        key="problems",
        column_config={
            "Sheet": st.column_config.TextColumn(width="small"),
            "Row": st.column_config.NumberColumn(width="small", format="%d"),
            "Column": st.column_config.TextColumn(width="small"),
            "Problem": st.column_config.TextColumn(width="large"),
        },
    )


def _show_plan(plan: importer.Plan) -> None:
    for note in plan.notes:
        st.caption(plain(note))
    if plan.problem_count:
        st.error(
            f"{importer.held_back(plan.problem_count)} (in the mapping above, or in the file).",
            icon=":material/error:",
        )
        table = pd.DataFrame(
            [
                {"Sheet": p.sheet, "Row": p.row, "Column": p.column or "", "Problem": p.message}
                for p in plan.problems
            ]
        )
        if len(table) <= 50:  # a short list reads best whole, its sentences wrapped
            # st.table renders Markdown: every cell escaped, so the sheet's text shows as typed
            shown = table.assign(Row=table["Row"].map(_row)).map(plain)
            st.table(shown.set_index("Sheet"))
        else:
            _problem_grid(table)
        st.download_button(
            "Download the problem list (CSV)",
            csv_bytes(table),
            file_name="import-problems.csv",
            mime="text/csv",
            key="dl_problems",
            on_click="ignore",
            icon=":material/download:",
        )
    else:
        st.success(
            "Dry run: no problems. "
            + importer.describe_plan(plan, dry_run=True, owners=False).split(". ", 1)[-1],
            icon=":material/task_alt:",
        )
        if plan.unowned:
            st.warning(
                importer.unowned_sentence(plan.unowned, done=False), icon=":material/person_off:"
            )


def _import_tab() -> None:
    top = st.columns([3, 1])
    top[0].caption(
        "An Excel workbook (.xlsx), a CSV file, or a zip of CSV files: a tracker kept by hand "
        "(one row per ask with a status column, or one column per year), or an export of "
        f"this tracker. Up to {MAX_FILE_BYTES // 2**20} MB and {MAX_SHEET_ROWS:,} rows a sheet "
        f"({MAX_HISTORY_ROWS:,} in the status updates and observations sheets of the "
        "tracker's own format). Importing the same file again adds nothing."
    )
    if "template_xlsx" not in st.session_state:  # made once per session, not on every rerun
        st.session_state["template_xlsx"] = export.template_xlsx(db())
    top[1].download_button(
        "Download the template",
        st.session_state["template_xlsx"],
        file_name="advocacy-tracker-template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl_template",
        on_click="ignore",
        icon=":material/download:",
    )
    upload = st.file_uploader(
        "Spreadsheet",
        type=["xlsx", "csv", "zip"],
        max_upload_size=MAX_FILE_BYTES // 2**20,  # what the page says, as the importer refuses
        key="import_upload",
    )
    if upload is None:
        st.session_state.pop(STATE, None)
        return
    state = _load(upload)
    if state is None:
        return
    if state["done"] is not None:
        done = state["done"]
        st.success(
            plain(importer.describe_plan(done, dry_run=False, owners=False)),
            icon=":material/check:",
        )
        if done.unowned:
            st.warning(
                importer.unowned_sentence(done.unowned, done=True), icon=":material/person_off:"
            )
        added = pd.DataFrame(
            [
                {"What": importer.NOUNS[k][1].capitalize(), "Added": n, "Already there": m}
                for k, n in done.adds.items()
                for m in [done.matched.get(k, 0)]
                if n or m
            ]
        )
        if not added.empty:
            st.dataframe(added, hide_index=True, key="summary")
        if st.button("Import another file", key="import_again"):
            st.session_state.pop(STATE, None)
            st.session_state.pop("import_upload", None)
            st.rerun()
        return
    st.subheader("Columns")
    _column_mapping(state)
    _status_mapping(state)
    _defaults(state)
    buttons = st.columns([1, 1, 4])
    if buttons[0].button("Dry run", icon=":material/rule:", key="dry_run"):
        state["plan"] = importer.plan_import(db(), state["book"], state["mapping"], state["data"])
    go = buttons[1].button("Import", type="primary", icon=":material/upload:", key="run_import")
    if go:
        bar = st.progress(0.0, text="Starting the import")
        try:
            done = importer.run_import(
                db(),
                state["book"],
                state["mapping"],
                state["data"],
                progress=lambda fraction, text: bar.progress(min(fraction, 1.0), text=text),
            )
        except importer.ImportProblems as problems:
            bar.empty()
            state["plan"] = problems.plan
        except TrackerError as error:
            bar.empty()
            st.error(plain(error.message), icon=":material/error:")
        else:
            st.cache_data.clear()
            state["done"] = done
            st.rerun()
    if state["plan"] is not None:
        _show_plan(state["plan"])


def _export_tab() -> None:
    st.caption(
        "Every letter, ask, status update (internal ones included), indicator and observation, "
        "and the users without their passwords, in the shape the import reads back: an Excel "
        "workbook with one sheet per kind, or a zip of CSV files with a datapackage.json "
        "(a Frictionless Data Package) for open-data tools."
    )
    with_audit = st.checkbox("Include the audit log", key="export_audit")
    cells = st.columns(2)
    for cell, kind, label, mime in (
        (
            cells[0],
            "xlsx",
            "Excel workbook",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (cells[1], "zip", "CSV files and datapackage.json (zip)", "application/zip"),
    ):
        key = f"export_{kind}_{with_audit}"
        if cell.button(f"Prepare the {label.split(' (')[0]}", key=f"prepare_{kind}"):
            bar = cell.progress(0.0, text="Writing every row")
            st.session_state[key] = export.export_bytes(
                db(),
                kind,
                audit_log=with_audit,
                progress=lambda fraction, text, bar=bar: bar.progress(min(fraction, 1.0), text),
            )
            bar.empty()
        if key in st.session_state:
            cell.download_button(
                f"Download the {label}",
                st.session_state[key],
                file_name=f"advocacy-tracker.{kind}",
                mime=mime,
                key=f"dl_{kind}",
                on_click="ignore",
                icon=":material/download:",
            )


if "Import a spreadsheet" in tabs:
    with tabs["Import a spreadsheet"]:
        _import_tab()
if "Export everything" in tabs:
    with tabs["Export everything"]:
        _export_tab()

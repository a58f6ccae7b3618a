"""A published snapshot, opened from its link (``?snapshot=TOKEN``): frozen content, with
downloads. A withdrawn one says so; a wrong token says "not found", never an error page."""

import re

import streamlit as st

from tracker import snapshots
from tracker.auth import current_actor
from tracker.errors import NotFound
from webapp import snapshot_view
from webapp.common import db, plain

token = st.query_params.get("snapshot", "")
# opened from a link inside the app (the donor's list), the address bar may have lost the
# token: write it back, so the page can be bookmarked, reloaded or shared as it is
st.query_params["snapshot"] = token
if current_actor() is not None and st.button("← Back to the app", key="snapshot_back"):
    del st.query_params["snapshot"]
    st.rerun()
try:
    snap = snapshots.get_by_token(db(), token)
except snapshots.Withdrawn as error:
    st.title("This snapshot was withdrawn")
    st.warning(plain(error.message), icon=":material/block:")
    st.write("Ask whoever sent you the link for the current version.")
    st.stop()
except NotFound as error:
    st.title("Snapshot not found")
    st.error(plain(error.message), icon=":material/link_off:")
    st.stop()

snapshot_view.render(snap["content"], key=f"snap_{snap['id']}")
slug = re.sub(r"[^a-z0-9]+", "-", snap["title"].lower()).strip("-")[:60] or "snapshot"
snapshot_view.downloads(snap["id"], slug)
st.caption(
    f"Published {snap['published_at'][:10]}. This snapshot is frozen: later updates do "
    "not change it."
)

"""Sign-in through Streamlit's own st.login (OpenID Connect) and the user's role; single-user without it.

A provider is configured in `.streamlit/secrets.toml` ([auth] with redirect_uri, cookie_secret,
client_id, client_secret, server_metadata_url). The role comes from the identity token's claims
(allocation_role, allocation_regions, allocation_municipalities) or else from the store's roles table.
"""

from __future__ import annotations

import ipaddress

import streamlit as st

from allocation.access import LOCAL_USER, Access, access_from_claims
from allocation.app import state
from allocation.app.state import plain, t


def sign_in_configured() -> bool:
    """Whether secrets.toml names an identity provider."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all, or one that does not parse: no provider
        return False


def _user_name() -> str:
    """The signed-in identity as shown and logged: e-mail, else the subject."""
    return str(st.user.get("email") or st.user.get("sub") or "?")


def _sign_in_page() -> None:
    """The only page a visitor who is not signed in gets."""
    st.title(t("auth_title"))
    st.write(t("auth_intro"))
    if st.button(t("auth_login"), type="primary", key="auth_login"):
        st.login()
    st.stop()


def _no_role_page(user: str) -> None:
    """A signed-in user without a role sees no data."""
    st.title(t("auth_title"))
    st.error(t("auth_no_role", user=plain(user)))
    if st.button(t("auth_logout"), key="auth_logout"):
        st.logout()
    st.stop()


def current_access() -> Access:
    """The session's user and role; shows the sign-in page (and stops the run) when needed."""
    if not sign_in_configured():
        return LOCAL_USER
    if not st.user.is_logged_in:
        _sign_in_page()
    user = _user_name()
    access = access_from_claims(user, st.user.to_dict())
    if access is None:
        access = state.with_store(lambda store: store.role_of(user))
    if access is None:
        _no_role_page(user)
    return access


def is_loopback(address: str | None) -> bool:
    """Whether a server address is reachable from this computer only (unset: every interface)."""
    if not address:
        return False
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def sidebar_status(access: Access) -> None:
    """Who is signed in (with a sign-out button), or that the app runs single-user on this computer."""
    if access is LOCAL_USER:
        address = st.get_option("server.address")
        if is_loopback(address):
            st.caption(t("auth_single_user"))
        else:
            st.warning(t("auth_open_network", address=plain(address or "0.0.0.0")))
        return
    if access.is_coordinator:
        st.caption(t("auth_as_coordinator", user=plain(access.user)))
    else:
        scope = ", ".join(sorted(access.regions | access.municipalities))
        st.caption(t("auth_as_planner", user=plain(access.user), scope=plain(scope)))
    if st.button(t("auth_logout"), key="auth_logout"):
        st.logout()

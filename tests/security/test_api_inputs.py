"""The read-only API (/api/v2/) answers numbers a stranger forges (beyond any database integer,
negative, not a number) with a 4xx, never a 500: paging, ids, and the tree filters."""

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9223372036854775808"  # 2**63: one past the largest 64-bit integer
HUGER = "99999999999999999999"
ENDPOINTS = ["/api/v2/pages/", "/api/v2/images/", "/api/v2/documents/"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("parameter", ["offset", "limit"])
@pytest.mark.parametrize("value", [HUGE, HUGER, "-1", "-" + HUGE, "1e3", "abc", ""])
def test_paging_parameters_out_of_range_are_refused(client, demo, endpoint, parameter, value):
    response = client.get(endpoint, {parameter: value})
    assert 400 <= response.status_code < 500, (endpoint, parameter, value, response.status_code)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("value", ["0", "100"])
def test_paging_parameters_in_range_still_work(client, demo, endpoint, value):
    response = client.get(endpoint, {"offset": value, "limit": "10"})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] >= 0


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("pk", [HUGE, HUGER, "2147483648", "4294967296"])
def test_a_detail_url_with_a_huge_id_is_not_found(client, demo, endpoint, pk):
    # A missing page's API URL is passed to the localised site (LocaleMiddleware), which
    # answers 404 in the end, as for any id that does not exist.
    response = client.get(f"{endpoint}{pk}/", follow=True)
    assert response.status_code == 404, (endpoint, pk, response.status_code)


@pytest.mark.parametrize("parameter", ["child_of", "descendant_of"])
@pytest.mark.parametrize("value", [HUGE, HUGER, "-" + HUGE, "-1", "abc"])
def test_tree_and_id_filters_with_forged_ids_are_refused(client, demo, parameter, value):
    response = client.get("/api/v2/pages/", {parameter: value})
    assert 400 <= response.status_code < 500, (parameter, value, response.status_code)


@pytest.mark.parametrize("value", [HUGE, HUGER, "-" + HUGE, "-1"])
def test_an_id_filter_with_a_forged_id_finds_nothing(client, demo, value):
    response = client.get("/api/v2/pages/", {"id": value})
    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("value", [HUGE, HUGER])
def test_a_forged_page_type_filter_id_is_refused(client, demo, value):
    for params in ({"type": "cooperation.OfferPage", "structure": value},
                   {"search": "velo", "child_of": value}):
        response = client.get("/api/v2/pages/", params)
        assert 400 <= response.status_code < 500, (params, response.status_code)

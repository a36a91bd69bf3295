"""The OpenAPI schema and its documentation pages, served without any CDN."""

import re

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    schema = yaml.safe_load(out.read_text())
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/cases/{id}/" in schema["paths"]
    errors = schema["paths"]["/api/v1/cases/"]["get"]["responses"]["404"]["content"]
    assert list(errors) == ["application/problem+json"]


def test_schema_is_public_json(client):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "THADS API"


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_documentation_pages_load_local_files_only(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") for s in sources), sources
    assert settings.STATIC_URL + "drf_spectacular_sidecar/" in page
    assert "<script>" not in page  # the CSP forbids inline scripts
    for source in sources:
        if source.startswith(settings.STATIC_URL):
            assert client.get(source).status_code == 200, source


def test_swagger_script_is_served_as_a_file(client):
    response = client.get("/api/v1/docs/?script=")
    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()

"""Property-based test of the whole API against its own OpenAPI schema (schemathesis).

Every operation, with bounded generated examples, as several roles (a head who writes, a clerk,
a read-only inspector, anonymous): no server error, every status documented, every body and
header as the schema says. It does not depend on the database engine, so it runs once, on
SQLite (`.ci/run` runs the suite on both).
"""

import pytest
import schemathesis
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from thads.testing.api import token_for
from thads.testing.cases import new_case

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(settings.IS_POSTGRES, reason="database-independent: runs on SQLite"),
]

ROLES = ("truongphong", "thuky", "kiemtra", None)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def api_world(shared_demo_org, django_db_blocker):
    with django_db_blocker.unblock():
        cases = [new_case("TNG-KV2"), new_case("TNG-KV3", officer="TN-DT-02")]
        tokens = {role: token_for(role) if role else None for role in ROLES}
    return {"cases": cases, "tokens": tokens}


def test_api_conforms_to_its_schema(api_world):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def conforms(case):
            for token in api_world["tokens"].values():
                headers = {"Authorization": f"Token {token}"} if token else {}
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS)

        conforms()

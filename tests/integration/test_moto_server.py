"""The local stack's moto server keeps a connection open from one request to the next, as AWS does, and
a request body it did not read never runs into the next request on that connection."""

import http.client
import json
from urllib.parse import urlsplit

DYNAMODB_HEADERS = {
    "Content-Type": "application/x-amz-json-1.0",
    "X-Amz-Target": "DynamoDB_20120810.ListTables",
    "Authorization": "AWS4-HMAC-SHA256 Credential=test/20261201/us-east-1/dynamodb/aws4_request, "
    "SignedHeaders=host, Signature=0",
}


def test_one_connection_serves_request_after_request_even_after_a_body_left_unread(moto_endpoint):
    address = urlsplit(moto_endpoint)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    answers = []

    connection.request("POST", "/", body="{}", headers=DYNAMODB_HEADERS)
    first_socket = connection.sock
    answers.append(connection.getresponse())
    answers[-1].read()
    # moto answers this path (not found) without reading the body sent with it
    connection.request("GET", "/favicon.ico", body=b"x" * 70_000)
    answers.append(connection.getresponse())
    answers[-1].read()
    connection.request("POST", "/", body="{}", headers=DYNAMODB_HEADERS)
    answers.append(connection.getresponse())
    last = json.loads(answers[-1].read())

    assert [answer.status for answer in answers] == [200, 404, 200]
    assert all(answer.getheader("Connection") != "close" for answer in answers)
    assert connection.sock is first_socket
    assert "TableNames" in last

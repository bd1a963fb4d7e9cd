"""`python -m infra.package` refuses what it cannot vouch for."""

import pytest

from infra.package import PackagingError, lint, main


def test_package_command_needs_exactly_one_output_directory(capsys):
    assert main([]) == 2
    assert "usage: python -m infra.package OUTDIR" in capsys.readouterr().err


def test_lint_fails_on_a_template_cfn_lint_rejects(tmp_path):
    template = tmp_path / "sam.yaml"
    template.write_text(
        "AWSTemplateFormatVersion: '2010-09-09'\n"
        "Resources:\n"
        "  Queue:\n"
        "    Type: AWS::SQS::Queue\n"
        "    Properties:\n"
        "      VisibilityTimeout: forever\n"
    )

    with pytest.raises(PackagingError, match="cfn-lint found problems"):
        lint(template)

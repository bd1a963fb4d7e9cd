"""The base of every pydantic model here: validators are built on first use, not at import (cold start)."""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(defer_build=True)

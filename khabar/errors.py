"""khabar's exceptions. Messages start with a short code (E001...) so users can look them up."""


class KhabarError(Exception):
    """Base class for every error khabar raises on purpose."""


class PipelineError(KhabarError):
    """A pipeline was assembled wrongly (unknown stage, missing requirement, bad stage)."""


class InputError(KhabarError):
    """Input that cannot be read as Persian text: binary, undecodable, too large, malformed."""


class ResourceError(KhabarError):
    """A packaged resource (model, lexicon) is missing or unreadable."""

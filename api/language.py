"""The caller's language for the texts of refusals: from Accept-Language (domain.messages.preferred_language),
Indonesian by default. It words GraphQL's `errors[].message` and the `message` of the HTTP layer's 401, 408
and 413 answers; `CommandError.message` stays English and every `pesan` stays Indonesian."""

from domain.messages import DEFAULT_LANGUAGE


def caller_language(context: object) -> str:
    """The language a GraphQL request's context carries (api.context.Context.language), else the default."""
    return getattr(context, "language", DEFAULT_LANGUAGE)

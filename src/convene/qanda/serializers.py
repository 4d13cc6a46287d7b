"""JSON shapes of the live questions API.

Serializers only shape data: reads come from selectors, writes go through services. Who
asked a question anonymously is never shown here, to anybody; a deleted account shows as
null too. A question the hosts hid shows their reason, not its text or response. The hosts' own accounts (who answered) do not appear.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from convene.core import languages
from convene.core.api import QuerySerializer
from convene.core.serializers import UTCDateTimeField, UTCModelSerializer
from convene.events.models import Session

from .models import Question
from .selectors import SORTS


class QuestionSerializer(UTCModelSerializer):
    """Expects `question.author` loaded and, in the context, `voted`: the ids of the
    questions the caller has voted for."""

    session: serializers.PrimaryKeyRelatedField[Session] = serializers.PrimaryKeyRelatedField(
        read_only=True,
        help_text=(
            "The session where it was asked: another edition of the same agenda when the "
            "editions share their questions."
        ),
    )
    edition = serializers.CharField(
        source="session.title",
        read_only=True,
        help_text="The title of the session where it was asked (e.g. Asia-Pacific edition).",
    )
    author = serializers.SerializerMethodField(
        help_text="The asker's public name; null when asked anonymously or the account is deleted."
    )
    votes = serializers.IntegerField(source="vote_count", read_only=True, min_value=0)
    text = serializers.SerializerMethodField(
        help_text="The question as asked; null when the hosts hid it (see hidden_reason)."
    )
    voted = serializers.SerializerMethodField(help_text="Whether you have voted for it.")
    hidden = serializers.BooleanField(source="is_hidden", read_only=True)
    hidden_reason = serializers.SerializerMethodField(
        help_text="Why the hosts hid the question, shown in its place; null when not hidden."
    )
    answered = serializers.BooleanField(source="is_answered", read_only=True)
    answer = serializers.SerializerMethodField(help_text="The hosts' written response, or null.")
    answered_at = UTCDateTimeField(read_only=True, allow_null=True)
    answered_in: serializers.PrimaryKeyRelatedField[Session] = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=(
            "The session whose hosts answered it (another edition, when the editions share "
            "their questions); null when not answered."
        ),
    )
    merged_into: serializers.PrimaryKeyRelatedField[Question] = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="A duplicate: the question it was merged into (its votes went there); else null.",
    )
    follows: serializers.PrimaryKeyRelatedField[Question] = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="A follow-up: the question it follows; else null.",
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "session",
            "edition",
            "text",
            "language",
            "is_anonymous",
            "author",
            "votes",
            "voted",
            "answered",
            "answer",
            "answered_at",
            "answered_in",
            "merged_into",
            "follows",
            "hidden",
            "hidden_reason",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, question: Question) -> str | None:
        if question.is_anonymous or question.author is None:
            return None
        return str(question.author.public_name)

    @extend_schema_field(serializers.BooleanField())
    def get_voted(self, question: Question) -> bool:
        return question.pk in self.context.get("voted", ())

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_text(self, question: Question) -> str | None:
        return None if question.is_hidden else question.text

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_hidden_reason(self, question: Question) -> str | None:
        return question.hidden_reason if question.is_hidden else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_answer(self, question: Question) -> str | None:
        return question.answer if question.is_answered and not question.is_hidden else None


class QuestionAskSerializer(serializers.Serializer):
    # Emptiness and length are checked by the service, which says so in plain words.
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    language = serializers.ChoiceField(
        choices=languages.choices(languages.CONTENT),
        help_text="The language the question is asked in.",
    )
    is_anonymous = serializers.BooleanField(
        default=False, help_text="Other participants will not see your name."
    )


class QuestionListQuerySerializer(QuerySerializer):
    sort = serializers.ChoiceField(
        choices=list(SORTS),
        default="votes",
        help_text=(
            "votes: most votes first; time: newest first. Under each question come its merged "
            "duplicates, then its follow-ups (oldest first), as on the live page."
        ),
    )

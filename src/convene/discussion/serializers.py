"""JSON shapes of the feedback API: comments on a published version, with their replies.

Serializers only shape data: reads come from selectors, writes go through services. A person
appears by their public name only, never by email address; a deleted account as null. A
hidden comment keeps its place in the thread, without its text: `body` is null and the
moderators' public reason is given instead.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from convene.core import languages
from convene.core.api import QuerySerializer
from convene.core.serializers import UTCModelSerializer
from convene.documents.models import DocumentVersion

from .models import Comment, Report, Stance


class CommentSerializer(UTCModelSerializer):
    """Expects `comment.author` loaded, and `comment.paragraph` for a top-level comment."""

    version: serializers.PrimaryKeyRelatedField[DocumentVersion] = (
        serializers.PrimaryKeyRelatedField(read_only=True)
    )
    paragraph = serializers.SerializerMethodField(
        help_text="The anchor of the paragraph the comment is about; null: the whole document."
    )
    author = serializers.SerializerMethodField(
        help_text="The author's public name; null once the account is deleted."
    )
    stance = serializers.SerializerMethodField(
        help_text="Null when none was given (and for replies)."
    )
    body = serializers.SerializerMethodField(help_text="Plain text; null while hidden.")
    hidden = serializers.BooleanField(source="is_hidden", read_only=True)
    hidden_reason = serializers.SerializerMethodField(
        help_text="While hidden: the moderators' public reason, shown in place of the comment."
    )

    class Meta:
        model = Comment
        fields = [
            "id",
            "version",
            "paragraph",
            "parent",
            "author",
            "language",
            "stance",
            "body",
            "hidden",
            "hidden_reason",
            "created_at",
        ]
        read_only_fields = fields
        # Declared here: a serializer attribute named `parent` would shadow Field.parent.
        extra_kwargs = {
            "parent": {"help_text": "The comment this one replies to; null for a new thread."}
        }

    @extend_schema_field(serializers.SlugField(allow_null=True))
    def get_paragraph(self, comment: Comment) -> str | None:
        if comment.paragraph_id is None:
            return None
        # A reply is about its thread's paragraph; the thread, already loaded with its
        # paragraph, is the reply's `parent`, so no query is made per reply.
        parent = comment.parent if comment.parent_id is not None else None
        if parent is not None and parent.paragraph_id == comment.paragraph_id:
            return parent.paragraph.anchor if parent.paragraph is not None else None
        return comment.paragraph.anchor if comment.paragraph is not None else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, comment: Comment) -> str | None:
        return str(comment.author.public_name) if comment.author is not None else None

    @extend_schema_field(serializers.ChoiceField(choices=Stance.choices, allow_null=True))
    def get_stance(self, comment: Comment) -> str | None:
        return comment.stance or None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_body(self, comment: Comment) -> str | None:
        return None if comment.is_hidden else comment.body

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_hidden_reason(self, comment: Comment) -> str | None:
        return comment.hidden_reason if comment.is_hidden else None


class ThreadSerializer(CommentSerializer):
    """A top-level comment with its replies (oldest first), prefetched."""

    replies = CommentSerializer(many=True, read_only=True)

    class Meta(CommentSerializer.Meta):
        fields = [*CommentSerializer.Meta.fields, "replies"]
        read_only_fields = fields


class CommentCreateSerializer(serializers.Serializer):
    """What a person sends to comment or reply; the service checks it against the version."""

    # Emptiness and length are checked by the service, which says so in plain words.
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text="Plain text.")
    language = serializers.ChoiceField(
        choices=languages.choices(languages.CONTENT),
        help_text="The language the comment is written in.",
    )
    stance = serializers.ChoiceField(
        choices=Stance.choices,
        allow_blank=True,
        default="",
        help_text="For a new thread only; a reply has no stance of its own.",
    )
    paragraph = serializers.SlugField(
        allow_blank=True,
        default="",
        max_length=40,
        help_text="The anchor of a paragraph of this version; empty: the whole document.",
    )
    # DRF takes declared fields out of the class; the stubs see it as Field.parent.
    parent = serializers.IntegerField(  # type: ignore[assignment]
        allow_null=True,
        default=None,
        min_value=1,
        help_text="The id of the comment to reply to (a top-level comment of this version).",
    )


class CommentListQuerySerializer(QuerySerializer):
    stance = serializers.ChoiceField(
        choices=Stance.choices, required=False, help_text="Only threads with this stance."
    )
    language = serializers.ChoiceField(
        choices=languages.choices(languages.CONTENT),
        required=False,
        help_text="Only threads started in this language.",
    )
    paragraph = serializers.SlugField(
        required=False,
        max_length=40,
        help_text="Only threads about the paragraph with this anchor.",
    )


class ReportCreateSerializer(serializers.Serializer):
    """What a person sends to report a comment to the moderators."""

    # Emptiness and length are checked by the service, which says so in plain words.
    reason = serializers.CharField(
        allow_blank=True, help_text="In a few words: what is wrong with the comment."
    )


class ReportSerializer(UTCModelSerializer):
    """A report, as its reporter sees it once sent."""

    comment: serializers.PrimaryKeyRelatedField[Comment] = serializers.PrimaryKeyRelatedField(
        read_only=True
    )

    class Meta:
        model = Report
        fields = ["id", "comment", "reason", "status", "created_at"]
        read_only_fields = fields

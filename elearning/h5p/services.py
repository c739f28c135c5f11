"""Writes: installing uploaded packages, recording results, saving learners' state.

An upload is checked completely (`prepare_upload`) before anything is written
(`apply_upload`); if writing fails half-way, the files already written are deleted again."""

import json
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from . import conf, selectors, tokens
from .library_install import library_hash, needs_install
from .models import (
    H5PContent,
    H5PContentVersion,
    H5PLibrary,
    H5PResult,
    H5PUserData,
    Verification,
)
from .package import Dependency, LibraryFiles, Package, read_package
from .package.composites import is_scoreless
from .package.sanitise import sanitise_params
from .package.xapi import StatementError, parse_statement
from .regrading import grade_statement

INSTALL_PERMISSION = "h5p.install_h5plibrary"


@dataclass
class UploadPlan:
    package: Package
    data: bytes
    parameters: dict
    new_libraries: list[LibraryFiles] = field(default_factory=list)
    hashes: dict[Dependency, str] = field(default_factory=dict)


def prepare_upload(*, data: bytes, user, trusted: bool = False) -> UploadPlan:
    """Read and check a package against what is installed and what `user` may do. Raises
    PackageError (with the entry and the reason); writes nothing. `trusted` is for the
    project's own libraries (demo data), installed without a user."""
    package = read_package(data, installed=selectors.is_installed)
    may_install = trusted or (user is not None and user.has_perm(INSTALL_PERMISSION))
    plan = UploadPlan(package=package, data=data, parameters={})
    for dependency, library in package.libraries.items():
        digest = library_hash(library)
        plan.hashes[dependency] = digest
        if needs_install(library, digest=digest, may_install=may_install):
            plan.new_libraries.append(library)
    lookup = selectors.semantics_lookup(
        {lib.dependency: lib.semantics for lib in plan.new_libraries}
    )
    main = package.main_library
    plan.parameters = sanitise_params(
        package.content_json, lookup(f"{main.machine_name} {main.major}.{main.minor}"), lookup
    )
    return plan


def apply_upload(*, plan: UploadPlan, user, title: str, language: str, licence: str,
                 content: H5PContent | None = None) -> H5PContentVersion:  # fmt: skip
    written: list[str] = []
    try:
        with transaction.atomic():
            for library in plan.new_libraries:
                _install_library(library, plan.hashes[library.dependency], user, written)
            if content is None:
                content = H5PContent.objects.create(
                    title=title, language=language, licence=licence, created_by=user
                )
            else:
                content.title, content.language, content.licence = title, language, licence
                content.save()
            return _add_version(plan, content, user, written)
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def _write(name: str, data: bytes, written: list[str]) -> None:
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, ContentFile(data))
    written.append(saved)


def _install_library(library: LibraryFiles, digest: str, user, written) -> H5PLibrary:
    meta = library.library_json
    prefix = f"h5p/libraries/{library.folder}.{library.patch}-{digest[:16]}/"
    for path, data in library.files.items():
        _write(prefix + path, data, written)
    return H5PLibrary.objects.create(
        machine_name=meta["machineName"],
        major_version=library.dependency.major,
        minor_version=library.dependency.minor,
        patch_version=library.patch,
        title=meta["title"],
        runnable=bool(meta.get("runnable")),
        content_hash=digest,
        library_json=meta,
        semantics=library.semantics,
        storage_prefix=prefix,
        installed_by=user,
    )


def _resolve(dependencies: list[Dependency]) -> dict[Dependency, H5PLibrary]:
    """Every library the content needs, its dependencies' dependencies included."""
    resolved: dict[Dependency, H5PLibrary] = {}
    queue = list(dependencies)
    while queue:
        dependency = queue.pop()
        if dependency in resolved:
            continue
        library = H5PLibrary.objects.newest(dependency)
        resolved[dependency] = library
        for key in ("preloadedDependencies", "dynamicDependencies"):
            queue += [Dependency.from_json(d) for d in library.library_json.get(key, [])]
    return resolved


def _add_version(plan: UploadPlan, content: H5PContent, user, written) -> H5PContentVersion:
    package = plan.package
    number = (content.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    prefix = f"h5p/content/{content.pk}/{number}/"
    for path, data in package.content_files.items():
        _write(prefix + path, data, written)
    resolved = _resolve(package.dependencies)
    version = H5PContentVersion(
        content=content,
        number=number,
        h5p_json=package.h5p_json,
        parameters=plan.parameters,
        main_library=resolved[package.main_library],
        storage_prefix=prefix,
        uploaded_by=user,
    )
    version.package.save(f"{content.pk}-{number}.h5p", ContentFile(plan.data), save=False)
    written.append(version.package.name)
    version.save()
    version.libraries.set(resolved.values())
    return version


def upload_package(*, data: bytes, user, title: str, language: str = "vi", licence: str = "",
                   content: H5PContent | None = None, trusted: bool = False) -> H5PContentVersion:  # fmt: skip
    plan = prepare_upload(data=data, user=user, trusted=trusted)
    return apply_upload(
        plan=plan, user=user, title=title, language=language, licence=licence, content=content
    )


# --- Results -------------------------------------------------------------------------------


def activity_iri(*, base_url: str, content_id: int) -> str:
    """The xAPI object id the player gives a content (its questions add ?subContentId=)."""
    return f"{base_url.rstrip('/')}/h5p/activity/{content_id}"


def _claims_and_version(token, context):
    """The token's claims and content version, for the learner it was issued to."""
    claims = tokens.read(token)
    if not claims.belongs_to(context):
        raise StatementError("other_learner")
    version = (
        H5PContentVersion.objects.select_related("main_library")
        .filter(pk=claims.version_id, content_id=claims.content_id)
        .first()
    )
    if version is None:
        raise StatementError("wrong_content")
    return claims, version


def record_statement(*, token, statement, context, base_url: str, children=None) -> H5PResult:
    """Check, grade and keep one scored xAPI statement. The learner is the one the token was
    issued to (the statement's actor is ignored) and must be the one sending it. A result for
    the whole content becomes an Attempt through the progress service. Raises
    StatementError (nothing written) or a progress error. `children` is the content's
    getXAPIData children (its questions' answers), sent with a container's result."""
    from elearning.progress import pass_mark
    from elearning.progress import services as progress
    from elearning.progress.choices import Grading

    claims, version = _claims_and_version(token, context)
    parsed = parse_statement(
        statement,
        activity_id=activity_iri(base_url=base_url, content_id=version.content_id),
        local_content_id=str(version.content_id),
    )
    if H5PResult.objects.filter(statement_id=parsed.id).exists():
        raise StatementError("replay")
    grade = grade_statement(
        version=version, statement=parsed, session=claims.session, children=children
    )
    verified = grade is not None
    score, maximum = (grade.score, grade.max_score) if verified else (parsed.raw, parsed.max)
    try:
        with transaction.atomic():
            result = H5PResult.objects.create(
                statement_id=parsed.id,
                version=version,
                **H5PResult.objects.owner_fields(context),
                session=claims.session,
                sub_content_id=parsed.sub_content_id,
                statement=statement,
                client_score=parsed.raw,
                client_max_score=parsed.max,
                score=score,
                max_score=maximum,
                verification=Verification.VERIFIED if verified else Verification.CLIENT_REPORTED,
            )
            pages = _pages(claims.page_id, claims.course_id) if claims.page_id else {}
            # Results of one question inside a set, or of content shown outside a lesson
            # (e.g. a preview), are kept but are not attempts.
            if not parsed.sub_content_id and claims.page_id in pages:
                result.attempt = progress.submit_attempt(
                    context=context,
                    content_id=claims.page_id,
                    course_id=claims.course_id if claims.course_id in pages else None,
                    content_audience=claims.content_audience,
                    answers={
                        "h5p": {
                            "content": version.content_id,
                            "version": version.number,
                            "response": parsed.response,
                            "statement": parsed.id,
                        }
                    },
                    score=score,
                    max_score=maximum,
                    passed=pass_mark.passed(
                        score=score, max_score=maximum, pass_mark=claims.pass_mark
                    ),
                    grading=Grading.H5P_VERIFIED if verified else Grading.H5P_CLIENT_REPORTED,
                    idempotency_key=parsed.id,
                )
                result.save(update_fields=["attempt"])
    except IntegrityError as error:  # the same statement id, sent twice at once
        raise StatementError("replay") from error
    return result


VIEWED_VERBS = {
    "http://adlnet.gov/expapi/verbs/completed",
    "http://adlnet.gov/expapi/verbs/experienced",
}


def record_viewed(*, token, statement, context, base_url: str):
    """Content that gives no score (Agamotto, Accordion, a Column of text) says it was
    completed or experienced: the lesson showing it counts as visited (completed, like
    "I have finished this lesson"), never as a pass. Returns the progress row, or None
    when the content is shown outside a lesson. Raises StatementError."""
    from elearning.progress import services as progress

    claims, version = _claims_and_version(token, context)
    if not isinstance(statement, dict) or not isinstance(statement.get("object"), dict):
        raise StatementError("statement_shape")
    if statement["object"].get("id") != activity_iri(
        base_url=base_url, content_id=version.content_id
    ):
        raise StatementError("wrong_content")
    verb = statement.get("verb")
    if not isinstance(verb, dict) or verb.get("id") not in VIEWED_VERBS:
        raise StatementError("statement_verb")
    if not is_scoreless(library=version.main_library.full_name, params=version.parameters):
        raise StatementError("statement_verb")  # content with a score must send it
    pages = _pages(claims.page_id, claims.course_id) if claims.page_id else {}
    if claims.page_id not in pages:
        return None
    return progress.mark_completed(
        context=context,
        content_id=claims.page_id,
        course_id=claims.course_id if claims.course_id in pages else None,
        content_audience=claims.content_audience,
    )


def _pages(*page_ids) -> dict:
    from wagtail.models import Page

    return Page.objects.only("pk", "title").in_bulk([pk for pk in page_ids if pk])


def save_state(*, token, state, context) -> H5PUserData:
    claims = tokens.read(token)
    if not claims.belongs_to(context):
        raise StatementError("other_learner")
    if not isinstance(state, str) or len(state.encode()) > conf.get("H5P_STATE_MAX_BYTES"):
        raise StatementError("state_too_large")
    try:
        json.loads(state)
    except ValueError as error:
        raise StatementError("statement_shape") from error
    row, _ = (
        H5PUserData.objects.for_context(context)
        .filter(content_id=claims.content_id)
        .update_or_create(
            defaults={
                "version_id": claims.version_id,
                "state": state,
                "updated_at": timezone.now(),
            },
            create_defaults={
                "content_id": claims.content_id,
                **H5PUserData.objects.owner_fields(context),
                "version_id": claims.version_id,
                "state": state,
            },
        )
    )
    return row

/// The OpenAPI document served at `GET /openapi.yaml`: a verbatim copy of `docs/openapi.yaml`.
///
/// After editing `docs/openapi.yaml`, paste it between the delimiters below (the OpenAPI test fails
/// when the two differ, and when a route and the document disagree).
enum OpenAPIDocument {
    /// The document's text.
    static let yaml = #"""
openapi: 3.0.3
info:
  title: store-tui store API
  version: "1"
  description: |
    The API `store-tui serve` offers over one store database.

    - `/v2/…` is the public device API in the Snap Store and Charmhub shapes (snapd and juju read it).
      No login; credentials that do not check out are ignored there.
    - `/api/v1/…` is the store's own JSON API, one endpoint per StoreService call; the console's HTTP
      client speaks it. Keys are camelCase; dates are ISO 8601 UTC with microseconds.
    - `/v1/…` and `/unscanned-upload/` are the charmcraft-compatible publisher API (Charmhub shapes):
      point `CHARMCRAFT_STORE_API_URL` and `CHARMCRAFT_UPLOAD_URL` at the server and set
      `CHARMCRAFT_AUTH` to the base64 of a token (`store-tui token create` prints it).
    - `/health` and `/openapi.yaml` (this document).

    Authentication: `Authorization: Bearer <token>` or `Authorization: Macaroon <token>` (scheme
    case-insensitive, token optionally quoted; `Macaroon root="<token>", discharge="…"` uses the root).
    No header means anonymous. A bad, expired or revoked token is 401 `macaroon-permission-required`;
    repeated failures from one client address are throttled with 429 and `Retry-After`.

    Every response carries `X-Request-Id` (the client's when it sent a usable one) and
    `Snap-Store-Version: 69`. JSON responses have `Content-Type: application/json` exactly.

    Errors: every error response has the body `{"error-list": [{"code", "message", "extra"?}]}`.
    Statuses: 400 bad input (`bad-argument`, `invalid-channel`, release-plan codes), 401, 403
    `permission-denied`, 404 `resource-not-found`/`revision-not-found`/`not-found`, 405
    `method-not-allowed` (with `Allow`), 409 `conflict`, 412 `channel-map-changed`, 413
    `payload-too-large`, 414 `uri-too-long`, 415 `unsupported-media-type`, 422 `idempotency-key-reused`,
    429 `rate-limited`, 503 `store-unavailable` (with `Retry-After`; a dependency failed), 500 `api-error`
    only for bugs. Request bodies are JSON; unknown fields are refused with 400.

    Concurrency: `GET /api/v1/packages/{name}/channel-map` returns a strong `ETag: "cm-<version>"`.
    `POST /api/v1/packages/{name}/releases` with `If-Match: "cm-<version>"` applies the plan only if the
    map is still at that version, else 412 with the changed channels in `error-list[0].extra.changes`
    (and the current `ETag`). Without `If-Match` (or with `*`) the plan is applied to the current map,
    as charmcraft expects. Either way a plan is all or nothing.

    Idempotency: a POST or DELETE may carry `Idempotency-Key` (1–255 visible ASCII characters, a UUID
    is ideal). Retrying with the same key, credentials and request replays the first reply (with
    `Idempotent-Replayed: true`) without applying the change again; the same key with a different request
    is 422 `idempotency-key-reused`; while the first is still running, 409 `idempotency-key-in-use`.
    Replies are kept 24 hours in the server's memory (not across restarts or between instances); 5xx and
    429 replies are not kept.
servers:
  - url: http://127.0.0.1:8080
tags:
  - name: health
  - name: public
    description: The public device API (Snap Store, Charmhub shapes).
  - name: catalogue
  - name: publishing
  - name: review
  - name: publishers
  - name: admin
  - name: charmcraft
    description: The charmcraft-compatible publisher API (Charmhub shapes).
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
    macaroon:
      type: apiKey
      in: header
      name: Authorization
      description: "`Macaroon <token>` as charmcraft sends it (the base64-decoded CHARMCRAFT_AUTH)."
  parameters:
    Name:
      name: name
      in: path
      required: true
      description: A package name (2–40 of a-z, 0-9 and single hyphens, with a letter).
      schema:
        type: string
    Username:
      name: username
      in: path
      required: true
      schema:
        type: string
    Cursor:
      name: cursor
      in: query
      description: The `nextCursor` of the previous page.
      schema:
        type: string
        maxLength: 1024
    Limit:
      name: limit
      in: query
      description: Page size (1–500; search 1–200).
      schema:
        type: integer
        minimum: 1
        maximum: 500
    IdempotencyKey:
      name: Idempotency-Key
      in: header
      description: Makes a retried request take effect once; see the description above.
      schema:
        type: string
        maxLength: 255
    Fields:
      name: fields
      in: query
      description: Comma-separated fields to return.
      schema:
        type: string
  headers:
    RequestID:
      description: The request id, for operators.
      schema:
        type: string
    RetryAfter:
      description: Seconds to wait before retrying.
      schema:
        type: integer
    ETag:
      description: 'The channel map version as a strong tag: `"cm-<version>"`.'
      schema:
        type: string
  responses:
    Error:
      description: An error, in the error-list envelope.
      headers:
        X-Request-Id:
          $ref: '#/components/headers/RequestID'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorEnvelope'
    Unavailable:
      description: The store's database is unavailable (locked, full, gone); retry later.
      headers:
        Retry-After:
          $ref: '#/components/headers/RetryAfter'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorEnvelope'
    RateLimited:
      description: Too many failed authentications from this address.
      headers:
        Retry-After:
          $ref: '#/components/headers/RetryAfter'
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/ErrorEnvelope'
  schemas:
    ErrorEnvelope:
      type: object
      required: [error-list]
      properties:
        error-list:
          type: array
          items:
            $ref: '#/components/schemas/ErrorItem'
    ErrorItem:
      type: object
      required: [code, message]
      properties:
        code:
          type: string
          example: resource-not-found
        message:
          type: string
        extra:
          $ref: '#/components/schemas/ErrorExtra'
    ErrorExtra:
      type: object
      description: Details that rebuild the store error exactly; which keys appear depends on the code.
      properties:
        kind:
          type: string
          description: not-found errors - what kind of thing.
        name:
          type: string
          description: not-found errors - its name.
        detail:
          type: string
          description: The free text inside the message.
        expected:
          type: integer
          description: channel-map-changed - the version the caller sent in If-Match.
        actual:
          type: integer
          description: channel-map-changed - the current version.
        changes:
          type: array
          description: channel-map-changed - every channel whose serving differs between the two versions.
          items:
            $ref: '#/components/schemas/ChannelChange'
        retryAfter:
          type: integer
        plan:
          $ref: '#/components/schemas/PlanError'
    PlanError:
      type: object
      required: [reason]
      properties:
        reason:
          type: string
          enum: [emptyPlan, noChannels, unknownRevision, revisionNotApproved, wrongArchitecture, unknownTrack, invalidPercentage, nothingToPromote, promoteToSameChannel, noProgressiveRelease]
        revision:
          type: integer
        status:
          type: string
        note:
          type: string
        platform:
          $ref: '#/components/schemas/Platform'
        track:
          type: string
        known:
          type: array
          items:
            type: string
        percentage:
          type: integer
        channel:
          type: string
    Health:
      type: object
      required: [status]
      properties:
        status:
          type: string
          enum: [ok]
    SnapFindResponse:
      type: object
      required: [results]
      properties:
        results:
          type: array
          items:
            type: object
            required: [name, snap-id, snap]
            properties:
              name:
                type: string
              snap-id:
                type: string
              snap:
                $ref: '#/components/schemas/SnapDetails'
              revision:
                $ref: '#/components/schemas/SnapRevision'
    SnapInfoResponse:
      type: object
      required: [channel-map, default-track, name, snap-id, snap]
      properties:
        channel-map:
          type: array
          description: |
            One entry per channel and architecture with a release of its own: closed channels, channels that
            only follow a safer risk, and branches are absent. `channel.name` drops `latest/`.
          items:
            allOf:
              - $ref: '#/components/schemas/SnapRevision'
              - type: object
                required: [channel]
                properties:
                  channel:
                    type: object
                    required: [architecture, name, released-at, risk, track]
                    properties:
                      architecture:
                        type: string
                      name:
                        type: string
                        example: stable
                      released-at:
                        type: string
                      risk:
                        type: string
                      track:
                        type: string
        default-track:
          type: string
          nullable: true
        name:
          type: string
        snap-id:
          type: string
        snap:
          $ref: '#/components/schemas/SnapDetails'
    SnapDetails:
      type: object
      description: Snap-level fields chosen with `fields=`; absent fields are not written.
      properties:
        categories:
          type: array
          items:
            $ref: '#/components/schemas/WireCategory'
        contact:
          type: string
        description:
          type: string
        license:
          type: string
        links:
          type: object
          additionalProperties:
            type: array
            items:
              type: string
        media:
          type: array
          items:
            type: object
        name:
          type: string
        prices:
          type: object
          additionalProperties:
            type: string
        private:
          type: boolean
        publisher:
          $ref: '#/components/schemas/WirePublisher'
        snap-id:
          type: string
        store-url:
          type: string
        summary:
          type: string
        title:
          type: string
        website:
          type: string
          nullable: true
    SnapRevision:
      type: object
      description: Revision-level fields chosen with `fields=` (find's revision also has `channel`).
      properties:
        architectures:
          type: array
          items:
            type: string
        base:
          type: string
          nullable: true
        channel:
          type: string
        common-ids:
          type: array
          items:
            type: string
        confinement:
          type: string
        created-at:
          type: string
        download:
          type: object
          properties:
            url:
              type: string
            size:
              type: integer
            sha3-384:
              type: string
        epoch:
          type: object
          properties:
            read:
              type: array
              items:
                type: integer
            write:
              type: array
              items:
                type: integer
        revision:
          type: integer
        type:
          type: string
        version:
          type: string
    WirePublisher:
      type: object
      properties:
        id:
          type: string
        username:
          type: string
        display-name:
          type: string
        validation:
          type: string
          enum: [unproven, verified, starred]
    WireCategory:
      type: object
      required: [name]
      properties:
        name:
          type: string
        featured:
          type: boolean
    CategoriesResponse:
      type: object
      required: [categories]
      properties:
        categories:
          type: array
          items:
            $ref: '#/components/schemas/WireCategory'
    CharmFindResponse:
      type: object
      required: [results]
      properties:
        results:
          type: array
          items:
            type: object
            required: [id, name, type]
            properties:
              id:
                type: string
              name:
                type: string
              type:
                type: string
              result:
                $ref: '#/components/schemas/CharmResult'
              default-release:
                $ref: '#/components/schemas/CharmRelease'
    CharmInfoResponse:
      type: object
      required: [id, name, type]
      properties:
        id:
          type: string
        name:
          type: string
        type:
          type: string
        result:
          $ref: '#/components/schemas/CharmResult'
        channel-map:
          type: array
          items:
            $ref: '#/components/schemas/CharmRelease'
        default-release:
          $ref: '#/components/schemas/CharmRelease'
    CharmResult:
      type: object
      description: Fields chosen with `fields=result.<name>`.
      additionalProperties: true
    CharmRelease:
      type: object
      description: '`{"channel": {name, track, risk, released-at, base}, "revision": {revision, version, created-at, bases, download}}`, fields chosen with dotted `fields=`.'
      additionalProperties: true
    Account:
      type: object
      required: [id, username, displayName, role, isSuspended]
      properties:
        id:
          type: string
        username:
          type: string
        displayName:
          type: string
        role:
          $ref: '#/components/schemas/Role'
        isSuspended:
          type: boolean
    Identity:
      type: object
      description: The caller; no `account` when anonymous.
      properties:
        account:
          $ref: '#/components/schemas/Account'
    Role:
      type: string
      enum: [viewer, publisher, reviewer, admin]
    PublisherSummary:
      type: object
      required: [id, username, displayName, validation]
      properties:
        id:
          type: string
        username:
          type: string
        displayName:
          type: string
        validation:
          type: string
          enum: [unproven, verified, starred]
    Publisher:
      type: object
      required: [id, username, displayName, validation, status]
      properties:
        id:
          type: string
        username:
          type: string
        displayName:
          type: string
        validation:
          type: string
          enum: [unproven, verified, starred]
        status:
          type: object
          description: '`{"active": {}}` or `{"suspended": {"reason": "…"}}`.'
          additionalProperties: true
    PackageSummary:
      type: object
      required: [id, name, type, title, summary, publisher, categories]
      properties:
        id:
          type: string
        name:
          type: string
        type:
          type: string
          example: snap
        title:
          type: string
        summary:
          type: string
        publisher:
          $ref: '#/components/schemas/PublisherSummary'
        latestStableVersion:
          type: string
        categories:
          type: array
          items:
            type: string
    PackageSummaryPage:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/PackageSummary'
        nextCursor:
          type: string
        total:
          type: integer
    PackageSummaryList:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/PackageSummary'
    Package:
      type: object
      required: [id, name, type, title, summary, description, publisherID, categories, license, links, status, isPrivate, defaultTrack, tracks, createdAt]
      properties:
        id:
          type: string
        name:
          type: string
        type:
          type: string
        title:
          type: string
        summary:
          type: string
        description:
          type: string
        publisherID:
          type: string
        categories:
          type: array
          items:
            type: string
        license:
          type: string
        links:
          type: array
          items:
            type: object
            required: [kind, url]
            properties:
              kind:
                type: string
              url:
                type: string
        status:
          type: string
          enum: [registered, published, quarantined]
        isPrivate:
          type: boolean
        defaultTrack:
          type: string
        tracks:
          type: array
          items:
            type: string
        createdAt:
          type: string
          format: date-time
    PackageDetail:
      type: object
      required: [package, publisher, collaborators]
      properties:
        package:
          $ref: '#/components/schemas/Package'
        publisher:
          $ref: '#/components/schemas/Publisher'
        collaborators:
          type: array
          items:
            type: string
    Revision:
      type: object
      required: [number, version, architectures, size, sha3_384, createdAt, uploader, permissions, review, checks]
      properties:
        number:
          type: integer
        version:
          type: string
        architectures:
          type: array
          items:
            type: string
        base:
          type: string
        size:
          type: integer
        sha3_384:
          type: string
        createdAt:
          type: string
          format: date-time
        uploader:
          type: string
        confinement:
          type: string
          enum: [strict, classic, devmode]
        grade:
          type: string
          enum: [stable, devel]
        permissions:
          type: array
          items:
            type: string
        review:
          type: object
          description: '`{"pending": {}}`, `{"approved": {"notes": "…"}}` or `{"rejected": {"reason": "…"}}`.'
          additionalProperties: true
        checks:
          type: array
          items:
            type: object
            required: [code, severity, message]
            properties:
              code:
                type: string
              severity:
                type: string
                enum: [info, warning, needs-review, error]
              message:
                type: string
    RevisionPage:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/Revision'
        nextCursor:
          type: string
        total:
          type: integer
    Platform:
      type: object
      required: [architecture]
      properties:
        architecture:
          type: string
        base:
          type: string
          description: Charms only, `name@channel` (`ubuntu@22.04`).
    ChannelRelease:
      type: object
      required: [channel, platform, revision, releasedAt]
      properties:
        channel:
          type: string
          example: latest/stable
        platform:
          $ref: '#/components/schemas/Platform'
        revision:
          type: integer
        releasedAt:
          type: string
          format: date-time
        expiresAt:
          type: string
          format: date-time
        progressivePercentage:
          type: integer
    ChannelMap:
      type: object
      required: [releases, tracks, version]
      properties:
        releases:
          type: array
          items:
            $ref: '#/components/schemas/ChannelRelease'
        tracks:
          type: array
          items:
            type: string
        version:
          type: integer
          description: Bumped by every applied plan; the ETag is `"cm-<version>"`.
    Serving:
      type: object
      required: [source]
      properties:
        source:
          type: object
          description: '`{"own": {}}`, `{"following": {"_0": "latest/stable"}}` or `{"closed": {}}`.'
          additionalProperties: true
        release:
          $ref: '#/components/schemas/ChannelRelease'
        progressive:
          $ref: '#/components/schemas/ChannelRelease'
    ChannelChange:
      type: object
      required: [channel, platform, before, after]
      properties:
        channel:
          type: string
        platform:
          $ref: '#/components/schemas/Platform'
        before:
          $ref: '#/components/schemas/Serving'
        after:
          $ref: '#/components/schemas/Serving'
    ReleasePlan:
      type: object
      required: [operations]
      properties:
        operations:
          type: array
          description: |
            Each operation is an object with exactly one key:
            `{"release": {"revision": 2, "channels": ["latest/beta"], "progressive": 20?, "platforms": [Platform]?}}`,
            `{"promote": {"from": "latest/beta", "to": "latest/stable", "platforms": [Platform]?}}`,
            `{"close": {"channels": ["latest/edge"], "platforms": [Platform]?}}`,
            `{"setProgress": {"channel": "latest/stable", "percentage": 50, "platforms": [Platform]?}}`.
            Channels accept the short forms (`beta`, `2.0`, `edge/fix`).
          items:
            type: object
            additionalProperties: true
    PlanOutcome:
      type: object
      required: [map, changes, released, closed]
      properties:
        map:
          $ref: '#/components/schemas/ChannelMap'
        changes:
          type: array
          items:
            $ref: '#/components/schemas/ChannelChange'
        released:
          type: array
          items:
            $ref: '#/components/schemas/ChannelRelease'
        closed:
          type: array
          items:
            type: string
    RegisterNameRequest:
      type: object
      required: [name, type]
      additionalProperties: false
      properties:
        name:
          type: string
        type:
          type: string
          example: snap
        isPrivate:
          type: boolean
    RevisionUpload:
      type: object
      required: [version, architectures, size, sha3_384]
      additionalProperties: false
      properties:
        version:
          type: string
        architectures:
          type: array
          items:
            type: string
        base:
          type: string
        size:
          type: integer
        sha3_384:
          type: string
        confinement:
          type: string
          enum: [strict, classic, devmode]
        grade:
          type: string
          enum: [stable, devel]
        permissions:
          type: array
          items:
            type: string
        metadataErrors:
          type: array
          items:
            type: string
    Collaborator:
      type: object
      required: [username]
      additionalProperties: false
      properties:
        username:
          type: string
    Categories:
      type: object
      required: [categories]
      properties:
        categories:
          type: array
          items:
            type: string
    ReviewItem:
      type: object
      required: [package, packageType, publisher, revision]
      properties:
        package:
          type: string
        packageType:
          type: string
        publisher:
          $ref: '#/components/schemas/PublisherSummary'
        revision:
          $ref: '#/components/schemas/Revision'
        previous:
          $ref: '#/components/schemas/Revision'
    ReviewItemPage:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/ReviewItem'
        nextCursor:
          type: string
        total:
          type: integer
    ReviewDecision:
      type: object
      required: [verdict]
      additionalProperties: false
      properties:
        verdict:
          type: string
          enum: [approve, reject]
        notes:
          type: string
        reason:
          type: string
          description: Required to reject.
    PublisherPage:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/Publisher'
        nextCursor:
          type: string
        total:
          type: integer
    ValidationRequest:
      type: object
      required: [validation]
      additionalProperties: false
      properties:
        validation:
          type: string
          enum: [unproven, verified, starred]
        reason:
          type: string
    ReasonRequest:
      type: object
      required: [reason]
      additionalProperties: false
      properties:
        reason:
          type: string
    AuditEvent:
      type: object
      required: [id, at, actor, action, objectKind, objectID]
      properties:
        id:
          type: integer
        at:
          type: string
          format: date-time
        actor:
          type: string
        actorRole:
          $ref: '#/components/schemas/Role'
        action:
          type: string
        objectKind:
          type: string
          enum: [package, revision, publisher, token, channel-map]
        objectID:
          type: string
        package:
          type: string
        publisher:
          type: string
        before:
          type: string
        after:
          type: string
        reason:
          type: string
    AuditEventPage:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/AuditEvent'
        nextCursor:
          type: string
        total:
          type: integer
    TokenInfo:
      type: object
      required: [id, username, role, description, createdAt]
      properties:
        id:
          type: string
        username:
          type: string
        role:
          $ref: '#/components/schemas/Role'
        description:
          type: string
        createdAt:
          type: string
          format: date-time
        expiresAt:
          type: string
          format: date-time
        revokedAt:
          type: string
          format: date-time
    TokenList:
      type: object
      required: [items]
      properties:
        items:
          type: array
          items:
            $ref: '#/components/schemas/TokenInfo'
    TokenRequest:
      type: object
      required: [username, role]
      additionalProperties: false
      properties:
        username:
          type: string
        role:
          $ref: '#/components/schemas/Role'
        expiresAt:
          type: string
          format: date-time
        description:
          type: string
    IssuedToken:
      type: object
      required: [token, secret]
      properties:
        token:
          $ref: '#/components/schemas/TokenInfo'
        secret:
          type: string
          description: The bearer secret, shown this once.
    RevokedToken:
      type: object
      required: [id, revoked]
      properties:
        id:
          type: string
        revoked:
          type: boolean
    CharmBase:
      type: object
      description: Exactly these three keys (charmcraft builds `Base(**base)`).
      required: [architecture, channel, name]
      additionalProperties: false
      properties:
        architecture:
          type: string
        channel:
          type: string
        name:
          type: string
    CharmReviewError:
      type: object
      required: [code, message]
      properties:
        code:
          type: string
          example: review-error
        message:
          type: string
    CharmWhoamiResponse:
      type: object
      required: [account, permissions, packages, channels]
      properties:
        account:
          type: object
          required: [display-name, username, id]
          properties:
            display-name:
              type: string
            username:
              type: string
            id:
              type: string
        permissions:
          type: array
          items:
            type: string
        packages:
          type: array
          nullable: true
          items:
            type: object
        channels:
          type: array
          nullable: true
          items:
            type: string
    CharmPackageMetadata:
      type: object
      required: [name, type, private, status, publisher, authority, contact, default-track, website]
      properties:
        id:
          type: string
        name:
          type: string
        type:
          type: string
          enum: [charm, bundle]
        private:
          type: boolean
        status:
          type: string
          enum: [registered, published, quarantined]
        publisher:
          $ref: '#/components/schemas/WirePublisher'
        default-track:
          type: string
          nullable: true
        tracks:
          type: array
          description: Only in `GET /v1/charm/{name}`.
          items:
            type: object
            required: [name, created-at, version-pattern, automatic-phasing-percentage]
            properties:
              name:
                type: string
              created-at:
                type: string
              version-pattern:
                type: string
                nullable: true
              automatic-phasing-percentage:
                type: number
                nullable: true
        track-guardrails:
          type: array
          description: Only in `GET /v1/charm/{name}`; always empty (admins open tracks).
          items:
            type: object
      additionalProperties: true
    CharmRegisteredNamesResponse:
      type: object
      required: [results]
      properties:
        results:
          type: array
          items:
            $ref: '#/components/schemas/CharmPackageMetadata'
    CharmRegisterNameRequest:
      type: object
      required: [name, type]
      properties:
        name:
          type: string
        type:
          type: string
          enum: [charm, bundle]
        private:
          type: boolean
    CharmRevision:
      type: object
      required: [revision, version, created-at, status, errors, bases]
      properties:
        revision:
          type: integer
        version:
          type: string
          nullable: true
        created-at:
          type: string
        status:
          type: string
          description: '`released` (a channel serves it), `approved`, `pending` (in the review queue) or `rejected`.'
        errors:
          type: array
          nullable: true
          items:
            $ref: '#/components/schemas/CharmReviewError'
        bases:
          type: array
          items:
            $ref: '#/components/schemas/CharmBase'
        size:
          type: integer
        sha3-384:
          type: string
    CharmRevisionsResponse:
      type: object
      required: [revisions]
      properties:
        revisions:
          type: array
          items:
            $ref: '#/components/schemas/CharmRevision'
    UnscannedUploadResponse:
      type: object
      required: [successful, upload_id]
      properties:
        successful:
          type: boolean
        upload_id:
          type: string
          format: uuid
    CharmPushRevisionRequest:
      type: object
      required: [upload-id]
      properties:
        upload-id:
          type: string
          format: uuid
    CharmPushRevisionResponse:
      type: object
      required: [status-url]
      properties:
        status-url:
          type: string
          description: A path relative to the API URL, `/v1/charm/{name}/revisions/review?upload-id=<id>`.
    CharmUploadReviewResponse:
      type: object
      required: [revisions]
      properties:
        revisions:
          type: array
          description: Exactly one item.
          minItems: 1
          maxItems: 1
          items:
            type: object
            required: [upload-id, status, revision, errors]
            properties:
              upload-id:
                type: string
              status:
                type: string
                enum: [new, scanned, approved, rejected]
              revision:
                type: integer
                nullable: true
              errors:
                type: array
                nullable: true
                items:
                  $ref: '#/components/schemas/CharmReviewError'
    CharmReleasesResponse:
      type: object
      required: [channel-map, package, revisions]
      properties:
        channel-map:
          type: array
          items:
            type: object
            required: [base, channel, expiration-date, progressive, resources, revision, when]
            properties:
              base:
                allOf:
                  - $ref: '#/components/schemas/CharmBase'
                nullable: true
              channel:
                type: string
              expiration-date:
                type: string
                nullable: true
                description: Set (release time + 30 days) for branches, null otherwise.
              progressive:
                type: object
                properties:
                  paused:
                    type: boolean
                    nullable: true
                  percentage:
                    type: number
                    nullable: true
              resources:
                type: array
                items:
                  type: object
              revision:
                type: integer
              when:
                type: string
        package:
          type: object
          required: [channels]
          properties:
            channels:
              type: array
              description: The four risks of every track, then each open branch after its risk.
              items:
                type: object
                required: [name, track, risk, branch, fallback]
                properties:
                  name:
                    type: string
                  track:
                    type: string
                  risk:
                    type: string
                  branch:
                    type: string
                    nullable: true
                  fallback:
                    type: string
                    nullable: true
        revisions:
          type: array
          description: Every revision the channel map releases.
          items:
            $ref: '#/components/schemas/CharmRevision'
    CharmReleaseItem:
      type: object
      required: [revision, channel]
      properties:
        revision:
          type: integer
          nullable: true
          description: null closes the channel.
        channel:
          type: string
          description: As typed (`beta`, `2.0/edge`, `latest/edge/br`); the reply has the full name.
        resources:
          type: array
          description: Must be empty (this store hosts no resources).
          items:
            type: object
    CharmReleaseResponse:
      type: object
      required: [released]
      properties:
        released:
          type: array
          items:
            $ref: '#/components/schemas/CharmReleaseItem'
paths:
  /health:
    get:
      tags: [health]
      summary: Liveness - the process answers (the database is not checked).
      operationId: health
      responses:
        '200':
          description: Alive.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Health'
  /openapi.yaml:
    get:
      tags: [health]
      summary: This document.
      operationId: openAPIDocument
      responses:
        '200':
          description: The OpenAPI document.
          content:
            application/yaml:
              schema:
                type: string
  /v2/snaps/find:
    get:
      tags: [public]
      summary: Search snaps (Snap Store v2 find). Without `fields`, results have only name, snap-id and an empty snap.
      operationId: snapFind
      parameters:
        - name: q
          in: query
          schema:
            type: string
        - name: name
          in: query
          description: Used as the search text when `q` is absent.
          schema:
            type: string
        - name: category
          in: query
          schema:
            type: string
        - name: architecture
          in: query
          description: Only snaps released for this architecture; the revision shown is for it.
          schema:
            type: string
        - name: channel
          in: query
          description: The channel the result's revision comes from (default stable on the default track).
          schema:
            type: string
        - $ref: '#/components/parameters/Fields'
      responses:
        '200':
          description: Up to 100 results.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/SnapFindResponse'
        '400':
          $ref: '#/components/responses/Error'
        '503':
          $ref: '#/components/responses/Unavailable'
  /v2/snaps/info/{name}:
    get:
      tags: [public]
      summary: A snap and its channel map (Snap Store v2 info).
      operationId: snapInfo
      parameters:
        - $ref: '#/components/parameters/Name'
        - $ref: '#/components/parameters/Fields'
        - name: architecture
          in: query
          description: Only channel-map entries for this architecture.
          schema:
            type: string
      responses:
        '200':
          description: The snap.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/SnapInfoResponse'
        '400':
          $ref: '#/components/responses/Error'
        '404':
          description: "`resource-not-found`: \"No snap named 'x' found in series '16'.\" (also for hidden snaps and snaps with nothing released)."
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ErrorEnvelope'
        '503':
          $ref: '#/components/responses/Unavailable'
  /v2/snaps/categories:
    get:
      tags: [public]
      summary: The categories packages use.
      operationId: snapCategories
      parameters:
        - $ref: '#/components/parameters/Fields'
        - name: type
          in: query
          description: Accepted and ignored.
          schema:
            type: string
      responses:
        '200':
          description: The categories.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CategoriesResponse'
        '400':
          $ref: '#/components/responses/Error'
  /v2/charms/find:
    get:
      tags: [public]
      summary: Search charms (Charmhub v2 find); dotted `fields` (`result.summary`, `default-release.revision.version`).
      operationId: charmFind
      parameters:
        - name: q
          in: query
          schema:
            type: string
        - name: category
          in: query
          schema:
            type: string
        - name: publisher
          in: query
          schema:
            type: string
        - $ref: '#/components/parameters/Fields'
      responses:
        '200':
          description: Up to 100 results; without `fields`, only id, name and type.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CharmFindResponse'
        '400':
          $ref: '#/components/responses/Error'
  /v2/charms/info/{name}:
    get:
      tags: [public]
      summary: A charm, its channel map per base, and its default release (Charmhub v2 info).
      operationId: charmInfo
      parameters:
        - $ref: '#/components/parameters/Name'
        - $ref: '#/components/parameters/Fields'
        - name: channel
          in: query
          schema:
            type: string
      responses:
        '200':
          description: The charm; without `fields`, only id, name and type.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CharmInfoResponse'
        '404':
          $ref: '#/components/responses/Error'
  /api/v1/whoami:
    get:
      tags: [catalogue]
      summary: The caller's identity (no account when anonymous).
      operationId: whoAmI
      security:
        - {}
        - bearer: []
        - macaroon: []
      responses:
        '200':
          description: The identity.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Identity'
        '401':
          $ref: '#/components/responses/Error'
        '429':
          $ref: '#/components/responses/RateLimited'
  /api/v1/packages:
    get:
      tags: [catalogue]
      summary: Search the catalogue (hidden packages only for those who may see them).
      operationId: search
      parameters:
        - name: q
          in: query
          schema:
            type: string
        - name: type
          in: query
          schema:
            type: string
        - name: category
          in: query
          schema:
            type: string
        - name: publisher
          in: query
          schema:
            type: string
        - name: verified
          in: query
          schema:
            type: boolean
        - $ref: '#/components/parameters/Cursor'
        - $ref: '#/components/parameters/Limit'
      responses:
        '200':
          description: A page of hits.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/PackageSummaryPage'
        '400':
          $ref: '#/components/responses/Error'
    post:
      tags: [publishing]
      summary: Register a name for the caller (publisher role).
      operationId: registerName
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/RegisterNameRequest'
      responses:
        '201':
          description: Registered.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Package'
        '400':
          $ref: '#/components/responses/Error'
        '401':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '409':
          $ref: '#/components/responses/Error'
  /api/v1/packages/{name}:
    get:
      tags: [catalogue]
      summary: A package with its publisher and collaborators.
      operationId: packageDetail
      parameters:
        - $ref: '#/components/parameters/Name'
      responses:
        '200':
          description: The package.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/PackageDetail'
        '404':
          $ref: '#/components/responses/Error'
  /api/v1/packages/{name}/revisions:
    get:
      tags: [catalogue]
      summary: A package's revisions, newest first (publisher, collaborators, reviewers, admins).
      operationId: revisions
      parameters:
        - $ref: '#/components/parameters/Name'
        - name: architecture
          in: query
          schema:
            type: string
        - name: status
          in: query
          schema:
            type: string
            enum: [pending, approved, rejected]
        - $ref: '#/components/parameters/Cursor'
        - $ref: '#/components/parameters/Limit'
      responses:
        '200':
          description: A page of revisions.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/RevisionPage'
        '403':
          $ref: '#/components/responses/Error'
        '404':
          $ref: '#/components/responses/Error'
    post:
      tags: [publishing]
      summary: Upload a revision's metadata; the automated checks approve, queue or reject it.
      operationId: upload
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/Name'
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/RevisionUpload'
      responses:
        '201':
          description: The new revision.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Revision'
        '400':
          $ref: '#/components/responses/Error'
        '401':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '413':
          $ref: '#/components/responses/Error'
  /api/v1/packages/{name}/channel-map:
    get:
      tags: [catalogue]
      summary: The channel map (expired branches removed) with its version as ETag.
      operationId: channelMap
      parameters:
        - $ref: '#/components/parameters/Name'
        - name: If-None-Match
          in: header
          schema:
            type: string
      responses:
        '200':
          description: The map.
          headers:
            ETag:
              $ref: '#/components/headers/ETag'
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ChannelMap'
        '304':
          description: Unchanged since the If-None-Match tag.
        '404':
          $ref: '#/components/responses/Error'
  /api/v1/packages/{name}/releases:
    post:
      tags: [publishing]
      summary: Apply a release plan, all or nothing (If-Match for optimistic concurrency).
      operationId: applyPlan
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/Name'
        - $ref: '#/components/parameters/IdempotencyKey'
        - name: If-Match
          in: header
          description: '`"cm-<version>"` from GET channel-map; absent or `*` applies unconditionally.'
          schema:
            type: string
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/ReleasePlan'
      responses:
        '200':
          description: Applied; the new map, every changed channel, what was released and closed.
          headers:
            ETag:
              $ref: '#/components/headers/ETag'
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/PlanOutcome'
        '400':
          $ref: '#/components/responses/Error'
        '401':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '412':
          description: The map changed since If-Match; nothing applied. `extra.changes` lists what differs.
          headers:
            ETag:
              $ref: '#/components/headers/ETag'
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ErrorEnvelope'
  /api/v1/packages/{name}/collaborators:
    post:
      tags: [publishing]
      summary: Add a collaborator (the owner only).
      operationId: addCollaborator
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/Name'
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Collaborator'
      responses:
        '200':
          description: Added.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Collaborator'
        '403':
          $ref: '#/components/responses/Error'
        '404':
          $ref: '#/components/responses/Error'
  /api/v1/packages/{name}/revisions/{revision}/review:
    post:
      tags: [review]
      summary: Approve or reject a pending revision (reviewers not involved with the package, admins).
      operationId: review
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/Name'
        - name: revision
          in: path
          required: true
          schema:
            type: integer
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/ReviewDecision'
      responses:
        '200':
          description: The reviewed revision.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Revision'
        '400':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '409':
          $ref: '#/components/responses/Error'
  /api/v1/categories:
    get:
      tags: [catalogue]
      summary: The categories packages use.
      operationId: categories
      responses:
        '200':
          description: Category names, alphabetically.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Categories'
  /api/v1/me/packages:
    get:
      tags: [publishing]
      summary: The caller's packages (and, optionally, those they collaborate on).
      operationId: myPackages
      security:
        - bearer: []
      parameters:
        - name: include-collaborations
          in: query
          schema:
            type: boolean
      responses:
        '200':
          description: The packages.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/PackageSummaryList'
        '401':
          $ref: '#/components/responses/Error'
  /api/v1/reviews:
    get:
      tags: [review]
      summary: The review queue, oldest first (reviewers, admins).
      operationId: reviewQueue
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/Cursor'
        - $ref: '#/components/parameters/Limit'
      responses:
        '200':
          description: A page of pending revisions.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/ReviewItemPage'
        '401':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
  /api/v1/publishers:
    get:
      tags: [publishers]
      summary: Publishers whose username or display name contains `q`.
      operationId: publishers
      parameters:
        - name: q
          in: query
          schema:
            type: string
        - $ref: '#/components/parameters/Cursor'
        - $ref: '#/components/parameters/Limit'
      responses:
        '200':
          description: A page of publishers.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/PublisherPage'
  /api/v1/publishers/{username}:
    get:
      tags: [publishers]
      summary: A publisher.
      operationId: publisher
      parameters:
        - $ref: '#/components/parameters/Username'
      responses:
        '200':
          description: The publisher.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Publisher'
        '404':
          $ref: '#/components/responses/Error'
  /api/v1/publishers/{username}/validation:
    post:
      tags: [publishers]
      summary: Set a publisher's validation badge (admins).
      operationId: setValidation
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/Username'
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/ValidationRequest'
      responses:
        '200':
          description: The publisher.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Publisher'
        '403':
          $ref: '#/components/responses/Error'
  /api/v1/publishers/{username}/suspend:
    post:
      tags: [publishers]
      summary: Suspend a publisher; a reason is required (admins).
      operationId: suspend
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/Username'
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/ReasonRequest'
      responses:
        '200':
          description: The suspended publisher.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Publisher'
        '400':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '409':
          $ref: '#/components/responses/Error'
  /api/v1/publishers/{username}/unsuspend:
    post:
      tags: [publishers]
      summary: Lift a suspension; a reason is required (admins).
      operationId: unsuspend
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/Username'
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/ReasonRequest'
      responses:
        '200':
          description: The publisher.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Publisher'
        '400':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '409':
          $ref: '#/components/responses/Error'
  /api/v1/audit:
    get:
      tags: [admin]
      summary: The audit log, newest first (reviewers, admins).
      operationId: auditLog
      security:
        - bearer: []
      parameters:
        - name: actor
          in: query
          schema:
            type: string
        - name: package
          in: query
          schema:
            type: string
        - name: publisher
          in: query
          schema:
            type: string
        - name: action
          in: query
          description: An exact action, or a prefix ending in `.` (`review.`).
          schema:
            type: string
        - $ref: '#/components/parameters/Cursor'
        - $ref: '#/components/parameters/Limit'
      responses:
        '200':
          description: A page of events.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/AuditEventPage'
        '401':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
  /api/v1/tokens:
    get:
      tags: [admin]
      summary: Tokens (never their secrets) - admins all or one user's, others their own.
      operationId: tokens
      security:
        - bearer: []
      parameters:
        - name: username
          in: query
          schema:
            type: string
      responses:
        '200':
          description: The tokens.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/TokenList'
        '401':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
    post:
      tags: [admin]
      summary: Issue a token, creating the account when missing (admins).
      operationId: issueToken
      security:
        - bearer: []
      parameters:
        - $ref: '#/components/parameters/IdempotencyKey'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/TokenRequest'
      responses:
        '201':
          description: The token and its secret (shown once).
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/IssuedToken'
        '400':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
  /api/v1/tokens/{id}:
    delete:
      tags: [admin]
      summary: Revoke a token (its owner or an admin); it stops working at once.
      operationId: revokeToken
      security:
        - bearer: []
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
        - $ref: '#/components/parameters/IdempotencyKey'
      responses:
        '200':
          description: Revoked.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/RevokedToken'
        '404':
          $ref: '#/components/responses/Error'
  /v1/tokens/whoami:
    get:
      tags: [charmcraft]
      summary: The account behind the token and its permissions (`charmcraft whoami`).
      operationId: charmWhoami
      security:
        - macaroon: []
      responses:
        '200':
          description: The account; `packages` and `channels` are null (unrestricted).
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CharmWhoamiResponse'
        '401':
          $ref: '#/components/responses/Error'
  /v1/charm:
    get:
      tags: [charmcraft]
      summary: The caller's charms and bundles (`charmcraft names`).
      operationId: charmNames
      security:
        - macaroon: []
      parameters:
        - name: include-collaborations
          in: query
          schema:
            type: boolean
      responses:
        '200':
          description: The names.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CharmRegisteredNamesResponse'
        '401':
          $ref: '#/components/responses/Error'
    post:
      tags: [charmcraft]
      summary: Register a charm or bundle name (`charmcraft register`).
      operationId: charmRegister
      security:
        - macaroon: []
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/CharmRegisterNameRequest'
      responses:
        '200':
          description: 'Registered: `{"id": "<package id>"}`.'
          content:
            application/json:
              schema:
                type: object
                required: [id]
                properties:
                  id:
                    type: string
        '400':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '409':
          $ref: '#/components/responses/Error'
  /v1/charm/libraries/bulk:
    post:
      tags: [charmcraft]
      summary: 'Charm libraries by id or name (anonymous); this store hosts none, so always `{"libraries": []}`.'
      operationId: charmLibrariesBulk
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: array
              items:
                type: object
      responses:
        '200':
          description: No libraries.
          content:
            application/json:
              schema:
                type: object
                required: [libraries]
                properties:
                  libraries:
                    type: array
                    items:
                      type: object
        '400':
          $ref: '#/components/responses/Error'
  /v1/charm/{name}:
    get:
      tags: [charmcraft]
      summary: A charm's metadata with its tracks (`charmcraft promote`, `create-track`).
      operationId: charmMetadata
      security:
        - macaroon: []
      parameters:
        - $ref: '#/components/parameters/Name'
      responses:
        '200':
          description: '`{"metadata": {…}}`.'
          content:
            application/json:
              schema:
                type: object
                required: [metadata]
                properties:
                  metadata:
                    $ref: '#/components/schemas/CharmPackageMetadata'
        '404':
          $ref: '#/components/responses/Error'
    delete:
      tags: [charmcraft]
      summary: Unregister a name (`charmcraft unregister`) - refused - this store does not release names.
      description: 409 `conflict` when revisions were uploaded; 403 `unregister-unsupported` otherwise (ask an admin).
      operationId: charmUnregister
      security:
        - macaroon: []
      parameters:
        - $ref: '#/components/parameters/Name'
      responses:
        '403':
          $ref: '#/components/responses/Error'
        '404':
          $ref: '#/components/responses/Error'
        '409':
          $ref: '#/components/responses/Error'
  /v1/charm/{name}/tracks:
    post:
      tags: [charmcraft]
      summary: Create tracks (`charmcraft create-track`) - refused - admins open tracks.
      description: "`latest`: 400 `api-error` \"Creation of 'latest' track is not allowed\" (as Charmhub); an existing track 409; any other 400 (no guardrail matches)."
      operationId: charmCreateTracks
      security:
        - macaroon: []
      parameters:
        - $ref: '#/components/parameters/Name'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: array
              items:
                type: object
                required: [name]
                properties:
                  name:
                    type: string
                  version-pattern:
                    type: string
                    nullable: true
                  automatic-phasing-percentage:
                    type: number
                    nullable: true
      responses:
        '400':
          $ref: '#/components/responses/Error'
        '409':
          $ref: '#/components/responses/Error'
  /v1/charm/{name}/revisions:
    get:
      tags: [charmcraft]
      summary: Every revision, newest first (`charmcraft revisions`).
      operationId: charmRevisions
      security:
        - macaroon: []
      parameters:
        - $ref: '#/components/parameters/Name'
      responses:
        '200':
          description: The revisions; rejected ones carry their `review-error`s.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CharmRevisionsResponse'
        '403':
          $ref: '#/components/responses/Error'
        '404':
          $ref: '#/components/responses/Error'
    post:
      tags: [charmcraft]
      summary: Make an uploaded file a revision (`charmcraft upload`, step 2).
      description: |
        Reads `metadata.yaml`, `manifest.yaml` (bases) and `version` from the .charm and runs the automated
        checks: the revision is approved, queued for review, or rejected (a malformed file: `review-error`s
        such as "Missing required file: metadata.yaml"). Only the account that uploaded the file may push it;
        pushing the same upload again answers the same status-url.
      operationId: charmPushRevision
      security:
        - macaroon: []
      parameters:
        - $ref: '#/components/parameters/Name'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/CharmPushRevisionRequest'
      responses:
        '200':
          description: Where to poll the review.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CharmPushRevisionResponse'
        '400':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '404':
          $ref: '#/components/responses/Error'
        '409':
          $ref: '#/components/responses/Error'
  /v1/charm/{name}/revisions/review:
    get:
      tags: [charmcraft]
      summary: An upload's review state (`charmcraft upload` polls it).
      description: |
        `new` until the file is a revision, `scanned` while it waits in the review queue (charmcraft keeps
        polling and gives up after 60 s; once a reviewer approves it the next poll says `approved`), then
        `approved` or `rejected`. Answered from the upload's sidecar file, so every instance sharing the
        upload directory answers the same.
      operationId: charmUploadReview
      security:
        - macaroon: []
      parameters:
        - $ref: '#/components/parameters/Name'
        - name: upload-id
          in: query
          required: true
          schema:
            type: string
            format: uuid
      responses:
        '200':
          description: Exactly one item.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CharmUploadReviewResponse'
        '404':
          $ref: '#/components/responses/Error'
  /v1/charm/{name}/releases:
    get:
      tags: [charmcraft]
      summary: The channel map, channels and released revisions (`charmcraft status`, `promote`).
      operationId: charmReleases
      security:
        - macaroon: []
      parameters:
        - $ref: '#/components/parameters/Name'
      responses:
        '200':
          description: The releases.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CharmReleasesResponse'
        '403':
          $ref: '#/components/responses/Error'
        '404':
          $ref: '#/components/responses/Error'
    post:
      tags: [charmcraft]
      summary: Release or close channels (`charmcraft release`, `close`, `promote`), all items at once.
      description: |
        The items become one release plan applied atomically to the current map (no `If-Match`):
        `revision: null` closes the channel. Unknown tracks, unapproved revisions, bad channels, a suspended
        or non-collaborating caller: 4xx and nothing is applied.
      operationId: charmRelease
      security:
        - macaroon: []
      parameters:
        - $ref: '#/components/parameters/Name'
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: array
              items:
                $ref: '#/components/schemas/CharmReleaseItem'
      responses:
        '200':
          description: What was released or closed.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/CharmReleaseResponse'
        '400':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '404':
          $ref: '#/components/responses/Error'
  /unscanned-upload/:
    post:
      tags: [charmcraft]
      summary: Receive a file (`charmcraft upload`, step 1; `CHARMCRAFT_UPLOAD_URL`).
      description: |
        `multipart/form-data` with one file field `binary`. Publishers only. The file is streamed to the
        server's upload directory (`--upload-dir`), written atomically, hashed (SHA3-384), and recorded in a
        JSON sidecar next to it; 413 above the upload size cap (200 MiB by default). Instances that serve
        one database must share the upload directory.
      operationId: unscannedUpload
      security:
        - macaroon: []
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [binary]
              properties:
                binary:
                  type: string
                  format: binary
      responses:
        '200':
          description: Stored.
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/UnscannedUploadResponse'
        '400':
          $ref: '#/components/responses/Error'
        '401':
          $ref: '#/components/responses/Error'
        '403':
          $ref: '#/components/responses/Error'
        '413':
          $ref: '#/components/responses/Error'
"""#
}

// Generated from the OpenAPI document by `npm run api:types`; a test checks it is up to date. Do not edit.
export interface paths {
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password; sets an HTTP-only session cookie. Throttled per address and account, backing off exponentially after failures (429 + Retry-After) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send as the x-csrf-token header on every cookie-authenticated write */
                            csrfToken: string;
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                            workspaces: {
                                createdAt: string;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "viewer" | "editor" | "owner";
                                slug: string;
                                /** @description Events that no journey maps are stored flagged as off the plan, and the collector says so */
                                strictTrackingPlan: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the current session */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/logout-everywhere": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End every session of the signed-in user, on every device (this one too) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ended: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change the signed-in user's password; every other session of theirs ends */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            otherSessionsEnded: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in user, their workspaces and the CSRF token */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send as the x-csrf-token header on every cookie-authenticated write */
                            csrfToken: string;
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                            workspaces: {
                                createdAt: string;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "viewer" | "editor" | "owner";
                                slug: string;
                                /** @description Events that no journey maps are stored flagged as off the plan, and the collector says so */
                                strictTrackingPlan: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an invitation link offers: the workspace, the role, the invited email and who invited */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            expiresAt: string;
                            invitedBy: string;
                            /** @enum {string} */
                            role: "viewer" | "editor" | "owner";
                            workspace: {
                                name: string;
                                slug: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/{token}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation as the signed-in user (whose email it must be) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            role: "viewer" | "editor" | "owner";
                            workspace: {
                                name: string;
                                slug: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/invitations/{token}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account with the invitation's email, join the workspace and sign in */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        name?: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Send as the x-csrf-token header on every cookie-authenticated write */
                            csrfToken: string;
                            user: {
                                email: string;
                                id: string;
                                name: string;
                            };
                            workspaces: {
                                createdAt: string;
                                id: string;
                                name: string;
                                /** @enum {string} */
                                role: "viewer" | "editor" | "owner";
                                slug: string;
                                /** @description Events that no journey maps are stored flagged as off the plan, and the collector says so */
                                strictTrackingPlan: boolean;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Workspaces of the signed-in user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            name: string;
                            /** @enum {string} */
                            role: "viewer" | "editor" | "owner";
                            slug: string;
                            /** @description Events that no journey maps are stored flagged as off the plan, and the collector says so */
                            strictTrackingPlan: boolean;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Create a workspace; the creator becomes its owner */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        slug: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            name: string;
                            slug: string;
                            /** @description Events that no journey maps are stored flagged as off the plan, and the collector says so */
                            strictTrackingPlan: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            name: string;
                            slug: string;
                            /** @description Events that no journey maps are stored flagged as off the plan, and the collector says so */
                            strictTrackingPlan: boolean;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a workspace or make its tracking plan strict (owners) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        strictTrackingPlan?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            id: string;
                            name: string;
                            slug: string;
                            /** @description Events that no journey maps are stored flagged as off the plan, and the collector says so */
                            strictTrackingPlan: boolean;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description volume_drop: the windows before the last one that make the baseline
                             * @default 7
                             */
                            baselineWindows: number;
                            createdAt: string;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            journeyId: string;
                            /**
                             * @description score_below, exit_rate_above, repeat_rate_above (contact repeats), volume_drop, new_red_point
                             * @enum {string}
                             */
                            kind: "score_below" | "exit_rate_above" | "repeat_rate_above" | "volume_drop" | "new_red_point";
                            /** @description new_red_point: the red points known when the rule was made */
                            knownRedPoints: string[];
                            lastValue: number | null;
                            lastWindowEnd: string | null;
                            /**
                             * @description Fewer customers or answers in a window is "no data"
                             * @default 30
                             */
                            minSample: number;
                            name: string;
                            /**
                             * @description The condition must hold this many windows in a row before it fires
                             * @default 1
                             */
                            pendingEvaluations: number;
                            /**
                             * @description score_below: nps, csat, ces or rating (default: the most answered)
                             * @default null
                             */
                            scoreKind: string | null;
                            /**
                             * @description Overall (null) or one segment: a trait value, or {"trait": "value tier", "value": "high"}
                             * @default null
                             */
                            segment: {
                                trait: string;
                                value: string;
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            state: "ok" | "pending" | "firing" | "no_data" | "error";
                            stateSince: string;
                            /**
                             * @description The touchpoint (not for new_red_point)
                             * @default null
                             */
                            step: string | null;
                            /** @description A score, a rate (0–1), a drop as a share of the baseline (0.3 = 30 % fewer), or 0 for new red points */
                            threshold: number;
                            /** @default null */
                            webhookId: string | null;
                            /**
                             * @default day
                             * @enum {string}
                             */
                            window: "hour" | "day";
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** A rule on a touchpoint KPI, overall or per segment, evaluated on complete windows */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description volume_drop: the windows before the last one that make the baseline
                         * @default 7
                         */
                        baselineWindows?: number;
                        /** @default true */
                        enabled?: boolean;
                        journeyId: string;
                        /**
                         * @description score_below, exit_rate_above, repeat_rate_above (contact repeats), volume_drop, new_red_point
                         * @enum {string}
                         */
                        kind: "score_below" | "exit_rate_above" | "repeat_rate_above" | "volume_drop" | "new_red_point";
                        /**
                         * @description Fewer customers or answers in a window is "no data"
                         * @default 30
                         */
                        minSample?: number;
                        name: string;
                        /**
                         * @description The condition must hold this many windows in a row before it fires
                         * @default 1
                         */
                        pendingEvaluations?: number;
                        /**
                         * @description score_below: nps, csat, ces or rating (default: the most answered)
                         * @default null
                         */
                        scoreKind?: string | null;
                        /**
                         * @description Overall (null) or one segment: a trait value, or {"trait": "value tier", "value": "high"}
                         * @default null
                         */
                        segment?: {
                            trait: string;
                            value: string;
                        } | null;
                        /**
                         * @description The touchpoint (not for new_red_point)
                         * @default null
                         */
                        step?: string | null;
                        /** @description A score, a rate (0–1), a drop as a share of the baseline (0.3 = 30 % fewer), or 0 for new red points */
                        threshold: number;
                        /** @default null */
                        webhookId?: string | null;
                        /**
                         * @default day
                         * @enum {string}
                         */
                        window?: "hour" | "day";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description volume_drop: the windows before the last one that make the baseline
                             * @default 7
                             */
                            baselineWindows: number;
                            createdAt: string;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            journeyId: string;
                            /**
                             * @description score_below, exit_rate_above, repeat_rate_above (contact repeats), volume_drop, new_red_point
                             * @enum {string}
                             */
                            kind: "score_below" | "exit_rate_above" | "repeat_rate_above" | "volume_drop" | "new_red_point";
                            /** @description new_red_point: the red points known when the rule was made */
                            knownRedPoints: string[];
                            lastValue: number | null;
                            lastWindowEnd: string | null;
                            /**
                             * @description Fewer customers or answers in a window is "no data"
                             * @default 30
                             */
                            minSample: number;
                            name: string;
                            /**
                             * @description The condition must hold this many windows in a row before it fires
                             * @default 1
                             */
                            pendingEvaluations: number;
                            /**
                             * @description score_below: nps, csat, ces or rating (default: the most answered)
                             * @default null
                             */
                            scoreKind: string | null;
                            /**
                             * @description Overall (null) or one segment: a trait value, or {"trait": "value tier", "value": "high"}
                             * @default null
                             */
                            segment: {
                                trait: string;
                                value: string;
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            state: "ok" | "pending" | "firing" | "no_data" | "error";
                            stateSince: string;
                            /**
                             * @description The touchpoint (not for new_red_point)
                             * @default null
                             */
                            step: string | null;
                            /** @description A score, a rate (0–1), a drop as a share of the baseline (0.3 = 30 % fewer), or 0 for new red points */
                            threshold: number;
                            /** @default null */
                            webhookId: string | null;
                            /**
                             * @default day
                             * @enum {string}
                             */
                            window: "hour" | "day";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/alert-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description volume_drop: the windows before the last one that make the baseline
                             * @default 7
                             */
                            baselineWindows: number;
                            createdAt: string;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            journeyId: string;
                            /**
                             * @description score_below, exit_rate_above, repeat_rate_above (contact repeats), volume_drop, new_red_point
                             * @enum {string}
                             */
                            kind: "score_below" | "exit_rate_above" | "repeat_rate_above" | "volume_drop" | "new_red_point";
                            /** @description new_red_point: the red points known when the rule was made */
                            knownRedPoints: string[];
                            lastValue: number | null;
                            lastWindowEnd: string | null;
                            /**
                             * @description Fewer customers or answers in a window is "no data"
                             * @default 30
                             */
                            minSample: number;
                            name: string;
                            /**
                             * @description The condition must hold this many windows in a row before it fires
                             * @default 1
                             */
                            pendingEvaluations: number;
                            /**
                             * @description score_below: nps, csat, ces or rating (default: the most answered)
                             * @default null
                             */
                            scoreKind: string | null;
                            /**
                             * @description Overall (null) or one segment: a trait value, or {"trait": "value tier", "value": "high"}
                             * @default null
                             */
                            segment: {
                                trait: string;
                                value: string;
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            state: "ok" | "pending" | "firing" | "no_data" | "error";
                            stateSince: string;
                            /**
                             * @description The touchpoint (not for new_red_point)
                             * @default null
                             */
                            step: string | null;
                            /** @description A score, a rate (0–1), a drop as a share of the baseline (0.3 = 30 % fewer), or 0 for new red points */
                            threshold: number;
                            /** @default null */
                            webhookId: string | null;
                            /**
                             * @default day
                             * @enum {string}
                             */
                            window: "hour" | "day";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a rule, enable or disable it, or snooze its notifications until a time (null ends the snooze) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        enabled?: boolean;
                        minSample?: number;
                        name?: string;
                        pendingEvaluations?: number;
                        snoozedUntil?: unknown;
                        /** @description A score, a rate (0–1), a drop as a share of the baseline (0.3 = 30 % fewer), or 0 for new red points */
                        threshold?: number;
                        webhookId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description volume_drop: the windows before the last one that make the baseline
                             * @default 7
                             */
                            baselineWindows: number;
                            createdAt: string;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            journeyId: string;
                            /**
                             * @description score_below, exit_rate_above, repeat_rate_above (contact repeats), volume_drop, new_red_point
                             * @enum {string}
                             */
                            kind: "score_below" | "exit_rate_above" | "repeat_rate_above" | "volume_drop" | "new_red_point";
                            /** @description new_red_point: the red points known when the rule was made */
                            knownRedPoints: string[];
                            lastValue: number | null;
                            lastWindowEnd: string | null;
                            /**
                             * @description Fewer customers or answers in a window is "no data"
                             * @default 30
                             */
                            minSample: number;
                            name: string;
                            /**
                             * @description The condition must hold this many windows in a row before it fires
                             * @default 1
                             */
                            pendingEvaluations: number;
                            /**
                             * @description score_below: nps, csat, ces or rating (default: the most answered)
                             * @default null
                             */
                            scoreKind: string | null;
                            /**
                             * @description Overall (null) or one segment: a trait value, or {"trait": "value tier", "value": "high"}
                             * @default null
                             */
                            segment: {
                                trait: string;
                                value: string;
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            state: "ok" | "pending" | "firing" | "no_data" | "error";
                            stateSince: string;
                            /**
                             * @description The touchpoint (not for new_red_point)
                             * @default null
                             */
                            step: string | null;
                            /** @description A score, a rate (0–1), a drop as a share of the baseline (0.3 = 30 % fewer), or 0 for new red points */
                            threshold: number;
                            /** @default null */
                            webhookId: string | null;
                            /**
                             * @default day
                             * @enum {string}
                             */
                            window: "hour" | "day";
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/alert-rules/{id}/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every evaluation of the rule, newest first, with the value that decided it */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conditionMet: boolean | null;
                            delivery: string | null;
                            detail: string;
                            evaluatedAt: string;
                            /** @enum {string|null} */
                            notification: "firing" | "resolved" | null;
                            sample: number;
                            /** @enum {string} */
                            state: "ok" | "pending" | "firing" | "no_data" | "error";
                            /** @description The value that decided it */
                            value: number | null;
                            windowEnd: string;
                            windowStart: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The alerts now: rules that are firing, pending, without data or in error */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * @description volume_drop: the windows before the last one that make the baseline
                             * @default 7
                             */
                            baselineWindows: number;
                            createdAt: string;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            journeyId: string;
                            /**
                             * @description score_below, exit_rate_above, repeat_rate_above (contact repeats), volume_drop, new_red_point
                             * @enum {string}
                             */
                            kind: "score_below" | "exit_rate_above" | "repeat_rate_above" | "volume_drop" | "new_red_point";
                            /** @description new_red_point: the red points known when the rule was made */
                            knownRedPoints: string[];
                            lastValue: number | null;
                            lastWindowEnd: string | null;
                            /**
                             * @description Fewer customers or answers in a window is "no data"
                             * @default 30
                             */
                            minSample: number;
                            name: string;
                            /**
                             * @description The condition must hold this many windows in a row before it fires
                             * @default 1
                             */
                            pendingEvaluations: number;
                            /**
                             * @description score_below: nps, csat, ces or rating (default: the most answered)
                             * @default null
                             */
                            scoreKind: string | null;
                            /**
                             * @description Overall (null) or one segment: a trait value, or {"trait": "value tier", "value": "high"}
                             * @default null
                             */
                            segment: {
                                trait: string;
                                value: string;
                            } | null;
                            snoozedUntil: string | null;
                            /** @enum {string} */
                            state: "ok" | "pending" | "firing" | "no_data" | "error";
                            stateSince: string;
                            /**
                             * @description The touchpoint (not for new_red_point)
                             * @default null
                             */
                            step: string | null;
                            /** @description A score, a rate (0–1), a drop as a share of the baseline (0.3 = 30 % fewer), or 0 for new red points */
                            threshold: number;
                            /** @default null */
                            webhookId: string | null;
                            /**
                             * @default day
                             * @enum {string}
                             */
                            window: "hour" | "day";
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The workspace's security log (owners): its keys, members, invitations, settings and erasures, and its members' sign-ins and password changes; newest first */
        get: {
            parameters: {
                query?: {
                    action?: "sign_in.succeeded" | "sign_in.failed" | "sign_out.everywhere" | "password.changed" | "workspace.created" | "workspace.updated" | "key.created" | "key.revoked" | "member.invited" | "invitation.revoked" | "invitation.accepted" | "member.role_changed" | "member.removed" | "customer.erased";
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            entries: {
                                /** @enum {string} */
                                action: "sign_in.succeeded" | "sign_in.failed" | "sign_out.everywhere" | "password.changed" | "workspace.created" | "workspace.updated" | "key.created" | "key.revoked" | "member.invited" | "invitation.revoked" | "invitation.accepted" | "member.role_changed" | "member.removed" | "customer.erased";
                                /** @description An email, key:<prefix>, cli or anonymous */
                                actor: string;
                                at: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                ip: string;
                                /** @description The id acted on (a key, member, invitation or customer), if any */
                                target: string;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download a backup of the workspace (owners): the archive `waymark backup` writes, restored with `waymark restore` */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A tar archive: manifest.json, metadata.json and events/*.jsonl.gz */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-tar": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/cases": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cases, newest first */
        get: {
            parameters: {
                query?: {
                    status?: "open" | "closed";
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAt: string | null;
                            /** @description Open their timeline: GET …/customers/:id/timeline */
                            customerId: string;
                            dueAt: string;
                            escalatedAt: string | null;
                            eventAt: string;
                            eventId: string;
                            id: string;
                            journeyId: string | null;
                            openedAt: string;
                            opportunityId: string | null;
                            outcome: string | null;
                            overdue: boolean;
                            ownerId: string | null;
                            reason: string;
                            rootCause: string | null;
                            /** @enum {string} */
                            status: "open" | "closed";
                            step: string | null;
                            triggerId: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/cases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAt: string | null;
                            /** @description Open their timeline: GET …/customers/:id/timeline */
                            customerId: string;
                            dueAt: string;
                            escalatedAt: string | null;
                            eventAt: string;
                            eventId: string;
                            id: string;
                            journeyId: string | null;
                            openedAt: string;
                            opportunityId: string | null;
                            outcome: string | null;
                            overdue: boolean;
                            ownerId: string | null;
                            reason: string;
                            rootCause: string | null;
                            /** @enum {string} */
                            status: "open" | "closed";
                            step: string | null;
                            triggerId: string | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Assign an owner, link an opportunity, or note the root cause so far */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        opportunityId?: string | null;
                        ownerId?: string | null;
                        rootCause?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAt: string | null;
                            /** @description Open their timeline: GET …/customers/:id/timeline */
                            customerId: string;
                            dueAt: string;
                            escalatedAt: string | null;
                            eventAt: string;
                            eventId: string;
                            id: string;
                            journeyId: string | null;
                            openedAt: string;
                            opportunityId: string | null;
                            outcome: string | null;
                            overdue: boolean;
                            ownerId: string | null;
                            reason: string;
                            rootCause: string | null;
                            /** @enum {string} */
                            status: "open" | "closed";
                            step: string | null;
                            triggerId: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/cases/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Close with a root cause and an outcome (both required); linked to an opportunity, it becomes its evidence */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        opportunityId?: string | null;
                        /** @default  */
                        outcome?: string;
                        /** @default  */
                        rootCause?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            closedAt: string | null;
                            /** @description Open their timeline: GET …/customers/:id/timeline */
                            customerId: string;
                            dueAt: string;
                            escalatedAt: string | null;
                            eventAt: string;
                            eventId: string;
                            id: string;
                            journeyId: string | null;
                            openedAt: string;
                            opportunityId: string | null;
                            outcome: string | null;
                            overdue: boolean;
                            ownerId: string | null;
                            reason: string;
                            rootCause: string | null;
                            /** @enum {string} */
                            status: "open" | "closed";
                            step: string | null;
                            triggerId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Find customers by id, latest traits (trait.<name>=value) or what they did, with their traits, events, channels, first/last seen and revenue */
        get: {
            parameters: {
                query?: {
                    /** @description Only customers who had an event on this channel (with `event`: that event there) */
                    channel?: string;
                    /** @description Only customers who had this event */
                    event?: string;
                    limit?: number;
                    offset?: number;
                    /** @description Part of the customer's id (or of an anonymous id stitched to it), case-insensitive; ids starting with it first */
                    q?: string;
                    /** @description recent: last seen first; value: most revenue first; events: most events first */
                    sort?: "recent" | "value" | "events";
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: {
                                channels: string[];
                                /** @description The customer id after identity stitching */
                                customer: string;
                                events: number;
                                /** @description Null for a customer known only by traits */
                                firstSeen: string | null;
                                /** @description UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                                lastSeen: string | null;
                                revenue: number;
                                /** @description Latest value of each trait */
                                traits: {
                                    [key: string]: string;
                                };
                            }[];
                            /** @description Customers matching (the page stops at the limit) */
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer across all ids and channels: traits, counts, first and last seen */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: string[];
                            customerId: string;
                            events: number;
                            feedback: number;
                            /** @description UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                            firstSeen: string | null;
                            ids: string[];
                            /** @description UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                            lastSeen: string | null;
                            /** @description Revenue of all their events */
                            revenue: number;
                            traits: {
                                [key: string]: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Erase a customer (owners): their events, identity links, traits and quarantined inputs under every id the identity rule gives them, physically, and nobody else's; logged in the audit log */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The customer the id resolved to */
                            customerId: string;
                            events: number;
                            identities: number;
                            ids: string[];
                            /** @description Trait rows */
                            profiles: number;
                            quarantined: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/customers/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One customer's timeline across channels, with feedback; `journey` labels events with their touchpoints and gives the customer's value tier on it */
        get: {
            parameters: {
                query?: {
                    journey?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerId: string;
                            events: {
                                channel: string;
                                event: string;
                                feedback: {
                                    comment: string;
                                    kind: string;
                                    /** @description In the bottom quarter of its scale */
                                    low: boolean;
                                    /** @description The score on the −2…+2 emotion scale (null for an unknown kind) */
                                    normalized: number | null;
                                    score: number;
                                    touchpoint: string;
                                } | null;
                                properties: {
                                    [key: string]: string;
                                };
                                revenue: number | null;
                                /** @description The journey step this event is, when a journey is given and a rule matches */
                                step: string | null;
                                /** @description Time: UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                                ts: string;
                            }[];
                            /**
                             * @description With `journey`: the customer's value tier there, as its red points' segments count it (paying customers by revenue on the journey: high above the 80th percentile, low below the 20th); null without revenue or journey
                             * @enum {string|null}
                             */
                            valueTier: "high" | "mid" | "low" | null;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/dimensions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What analyses can be filtered and broken down by: the channels seen, and the customer traits with few values (segments) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channels: string[];
                            /** @description Traits with 2–12 values */
                            traits: {
                                trait: string;
                                values: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Store events (write key, or an editor session); answers once they are stored */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events: {
                            channel?: string;
                            customerId: string;
                            event: string;
                            /** @description Idempotency id; a resend with the same id is stored once */
                            messageId?: string;
                            /** @default {} */
                            properties?: {
                                [key: string]: (string | number | boolean) | null;
                            };
                            /**
                             * Format: date-time
                             * @description ISO 8601; defaults to the receive time
                             */
                            timestamp?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Of the stored events, those no journey maps (only counted when the tracking plan is strict) */
                            offPlan: number;
                            quarantined: number;
                            stored: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 0.05 */
                            alpha: number;
                            /** @description The control's expected conversion rate (0–1), or the score's standard deviation */
                            baseline: number;
                            createdAt: string;
                            /** @default [] */
                            guardrails: ({
                                /** @enum {string} */
                                kind: "conversion";
                                /** @description Target step key */
                                step: string;
                                /** @default 168 */
                                windowHours: number;
                            } | {
                                /** @enum {string} */
                                kind: "feedback";
                                /** @description nps, csat, ces or rating */
                                scoreKind: string;
                                /** @description Step key the answers are about */
                                touchpoint: string;
                                /** @default 168 */
                                windowHours: number;
                            })[];
                            /** @default  */
                            hypothesis: string;
                            id: string;
                            journeyId: string;
                            /** @description Minimum detectable effect, absolute (0.02 = 2 points of conversion, or score units) */
                            mde: number;
                            /**
                             * @description fixed: one look at the planned sample; sequential: always-valid (mSPRT), look any day
                             * @default fixed
                             * @enum {string}
                             */
                            mode: "fixed" | "sequential";
                            name: string;
                            /**
                             * @description The opportunity this pilots
                             * @default null
                             */
                            opportunityId: string | null;
                            /** @description From the power calculation */
                            plannedPerVariant: number;
                            /** @default 0.8 */
                            power: number;
                            primaryMetric: {
                                /** @enum {string} */
                                kind: "conversion";
                                /** @description Target step key */
                                step: string;
                                /** @default 168 */
                                windowHours: number;
                            } | {
                                /** @enum {string} */
                                kind: "feedback";
                                /** @description nps, csat, ces or rating */
                                scoreKind: string;
                                /** @description Step key the answers are about */
                                touchpoint: string;
                                /** @default 168 */
                                windowHours: number;
                            };
                            startAt: string | null;
                            /**
                             * @default draft
                             * @enum {string}
                             */
                            status: "draft" | "running" | "stopped";
                            /** @description The step the pilot changes */
                            step: string;
                            stopAt: string | null;
                            updatedAt: string;
                            /** @description The first is the control */
                            variants: {
                                key: string;
                                name: string;
                                weight: number;
                            }[];
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Plan a pilot on a step; the planned sample comes from the power calculation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default 0.05 */
                        alpha?: number;
                        /** @description The control's expected conversion rate (0–1), or the score's standard deviation */
                        baseline: number;
                        /** @default [] */
                        guardrails?: ({
                            /** @enum {string} */
                            kind: "conversion";
                            /** @description Target step key */
                            step: string;
                            /** @default 168 */
                            windowHours?: number;
                        } | {
                            /** @enum {string} */
                            kind: "feedback";
                            /** @description nps, csat, ces or rating */
                            scoreKind: string;
                            /** @description Step key the answers are about */
                            touchpoint: string;
                            /** @default 168 */
                            windowHours?: number;
                        })[];
                        /** @default  */
                        hypothesis?: string;
                        journeyId: string;
                        /** @description Minimum detectable effect, absolute (0.02 = 2 points of conversion, or score units) */
                        mde: number;
                        /**
                         * @description fixed: one look at the planned sample; sequential: always-valid (mSPRT), look any day
                         * @default fixed
                         * @enum {string}
                         */
                        mode?: "fixed" | "sequential";
                        name: string;
                        /**
                         * @description The opportunity this pilots
                         * @default null
                         */
                        opportunityId?: string | null;
                        /** @default 0.8 */
                        power?: number;
                        primaryMetric: {
                            /** @enum {string} */
                            kind: "conversion";
                            /** @description Target step key */
                            step: string;
                            /** @default 168 */
                            windowHours?: number;
                        } | {
                            /** @enum {string} */
                            kind: "feedback";
                            /** @description nps, csat, ces or rating */
                            scoreKind: string;
                            /** @description Step key the answers are about */
                            touchpoint: string;
                            /** @default 168 */
                            windowHours?: number;
                        };
                        /** @default null */
                        startAt?: unknown;
                        /**
                         * @default draft
                         * @enum {string}
                         */
                        status?: "draft" | "running" | "stopped";
                        /** @description The step the pilot changes */
                        step: string;
                        /** @default null */
                        stopAt?: unknown;
                        /** @description The first is the control */
                        variants: {
                            key: string;
                            name: string;
                            weight: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 0.05 */
                            alpha: number;
                            /** @description The control's expected conversion rate (0–1), or the score's standard deviation */
                            baseline: number;
                            createdAt: string;
                            /** @default [] */
                            guardrails: ({
                                /** @enum {string} */
                                kind: "conversion";
                                /** @description Target step key */
                                step: string;
                                /** @default 168 */
                                windowHours: number;
                            } | {
                                /** @enum {string} */
                                kind: "feedback";
                                /** @description nps, csat, ces or rating */
                                scoreKind: string;
                                /** @description Step key the answers are about */
                                touchpoint: string;
                                /** @default 168 */
                                windowHours: number;
                            })[];
                            /** @default  */
                            hypothesis: string;
                            id: string;
                            journeyId: string;
                            /** @description Minimum detectable effect, absolute (0.02 = 2 points of conversion, or score units) */
                            mde: number;
                            /**
                             * @description fixed: one look at the planned sample; sequential: always-valid (mSPRT), look any day
                             * @default fixed
                             * @enum {string}
                             */
                            mode: "fixed" | "sequential";
                            name: string;
                            /**
                             * @description The opportunity this pilots
                             * @default null
                             */
                            opportunityId: string | null;
                            /** @description From the power calculation */
                            plannedPerVariant: number;
                            /** @default 0.8 */
                            power: number;
                            primaryMetric: {
                                /** @enum {string} */
                                kind: "conversion";
                                /** @description Target step key */
                                step: string;
                                /** @default 168 */
                                windowHours: number;
                            } | {
                                /** @enum {string} */
                                kind: "feedback";
                                /** @description nps, csat, ces or rating */
                                scoreKind: string;
                                /** @description Step key the answers are about */
                                touchpoint: string;
                                /** @default 168 */
                                windowHours: number;
                            };
                            startAt: string | null;
                            /**
                             * @default draft
                             * @enum {string}
                             */
                            status: "draft" | "running" | "stopped";
                            /** @description The step the pilot changes */
                            step: string;
                            stopAt: string | null;
                            updatedAt: string;
                            /** @description The first is the control */
                            variants: {
                                key: string;
                                name: string;
                                weight: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/experiments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 0.05 */
                            alpha: number;
                            /** @description The control's expected conversion rate (0–1), or the score's standard deviation */
                            baseline: number;
                            createdAt: string;
                            /** @default [] */
                            guardrails: ({
                                /** @enum {string} */
                                kind: "conversion";
                                /** @description Target step key */
                                step: string;
                                /** @default 168 */
                                windowHours: number;
                            } | {
                                /** @enum {string} */
                                kind: "feedback";
                                /** @description nps, csat, ces or rating */
                                scoreKind: string;
                                /** @description Step key the answers are about */
                                touchpoint: string;
                                /** @default 168 */
                                windowHours: number;
                            })[];
                            /** @default  */
                            hypothesis: string;
                            id: string;
                            journeyId: string;
                            /** @description Minimum detectable effect, absolute (0.02 = 2 points of conversion, or score units) */
                            mde: number;
                            /**
                             * @description fixed: one look at the planned sample; sequential: always-valid (mSPRT), look any day
                             * @default fixed
                             * @enum {string}
                             */
                            mode: "fixed" | "sequential";
                            name: string;
                            /**
                             * @description The opportunity this pilots
                             * @default null
                             */
                            opportunityId: string | null;
                            /** @description From the power calculation */
                            plannedPerVariant: number;
                            /** @default 0.8 */
                            power: number;
                            primaryMetric: {
                                /** @enum {string} */
                                kind: "conversion";
                                /** @description Target step key */
                                step: string;
                                /** @default 168 */
                                windowHours: number;
                            } | {
                                /** @enum {string} */
                                kind: "feedback";
                                /** @description nps, csat, ces or rating */
                                scoreKind: string;
                                /** @description Step key the answers are about */
                                touchpoint: string;
                                /** @default 168 */
                                windowHours: number;
                            };
                            startAt: string | null;
                            /**
                             * @default draft
                             * @enum {string}
                             */
                            status: "draft" | "running" | "stopped";
                            /** @description The step the pilot changes */
                            step: string;
                            stopAt: string | null;
                            updatedAt: string;
                            /** @description The first is the control */
                            variants: {
                                key: string;
                                name: string;
                                weight: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change the plan, or start (status running) and stop it */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        alpha?: number;
                        /** @description The control's expected conversion rate (0–1), or the score's standard deviation */
                        baseline?: number;
                        guardrails?: ({
                            /** @enum {string} */
                            kind: "conversion";
                            /** @description Target step key */
                            step: string;
                            /** @default 168 */
                            windowHours?: number;
                        } | {
                            /** @enum {string} */
                            kind: "feedback";
                            /** @description nps, csat, ces or rating */
                            scoreKind: string;
                            /** @description Step key the answers are about */
                            touchpoint: string;
                            /** @default 168 */
                            windowHours?: number;
                        })[];
                        hypothesis?: string;
                        journeyId?: string;
                        /** @description Minimum detectable effect, absolute (0.02 = 2 points of conversion, or score units) */
                        mde?: number;
                        /** @enum {string} */
                        mode?: "fixed" | "sequential";
                        name?: string;
                        opportunityId?: string | null;
                        power?: number;
                        primaryMetric?: {
                            /** @enum {string} */
                            kind: "conversion";
                            /** @description Target step key */
                            step: string;
                            /** @default 168 */
                            windowHours?: number;
                        } | {
                            /** @enum {string} */
                            kind: "feedback";
                            /** @description nps, csat, ces or rating */
                            scoreKind: string;
                            /** @description Step key the answers are about */
                            touchpoint: string;
                            /** @default 168 */
                            windowHours?: number;
                        };
                        startAt?: unknown;
                        /** @enum {string} */
                        status?: "draft" | "running" | "stopped";
                        /** @description The step the pilot changes */
                        step?: string;
                        stopAt?: unknown;
                        /** @description The first is the control */
                        variants?: {
                            key: string;
                            name: string;
                            weight: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default 0.05 */
                            alpha: number;
                            /** @description The control's expected conversion rate (0–1), or the score's standard deviation */
                            baseline: number;
                            createdAt: string;
                            /** @default [] */
                            guardrails: ({
                                /** @enum {string} */
                                kind: "conversion";
                                /** @description Target step key */
                                step: string;
                                /** @default 168 */
                                windowHours: number;
                            } | {
                                /** @enum {string} */
                                kind: "feedback";
                                /** @description nps, csat, ces or rating */
                                scoreKind: string;
                                /** @description Step key the answers are about */
                                touchpoint: string;
                                /** @default 168 */
                                windowHours: number;
                            })[];
                            /** @default  */
                            hypothesis: string;
                            id: string;
                            journeyId: string;
                            /** @description Minimum detectable effect, absolute (0.02 = 2 points of conversion, or score units) */
                            mde: number;
                            /**
                             * @description fixed: one look at the planned sample; sequential: always-valid (mSPRT), look any day
                             * @default fixed
                             * @enum {string}
                             */
                            mode: "fixed" | "sequential";
                            name: string;
                            /**
                             * @description The opportunity this pilots
                             * @default null
                             */
                            opportunityId: string | null;
                            /** @description From the power calculation */
                            plannedPerVariant: number;
                            /** @default 0.8 */
                            power: number;
                            primaryMetric: {
                                /** @enum {string} */
                                kind: "conversion";
                                /** @description Target step key */
                                step: string;
                                /** @default 168 */
                                windowHours: number;
                            } | {
                                /** @enum {string} */
                                kind: "feedback";
                                /** @description nps, csat, ces or rating */
                                scoreKind: string;
                                /** @description Step key the answers are about */
                                touchpoint: string;
                                /** @default 168 */
                                windowHours: number;
                            };
                            startAt: string | null;
                            /**
                             * @default draft
                             * @enum {string}
                             */
                            status: "draft" | "running" | "stopped";
                            /** @description The step the pilot changes */
                            step: string;
                            stopAt: string | null;
                            updatedAt: string;
                            /** @description The first is the control */
                            variants: {
                                key: string;
                                name: string;
                                weight: number;
                            }[];
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/experiments/{id}/analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per variant counts and rates or means, the difference with its interval and p-value (fixed or always-valid), SRM, guardrails and the verdict in plain words */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Per comparison (α split over treatments when there are several) */
                            alpha: number;
                            experiment: {
                                /** @default 0.05 */
                                alpha: number;
                                /** @description The control's expected conversion rate (0–1), or the score's standard deviation */
                                baseline: number;
                                createdAt: string;
                                /** @default [] */
                                guardrails: ({
                                    /** @enum {string} */
                                    kind: "conversion";
                                    /** @description Target step key */
                                    step: string;
                                    /** @default 168 */
                                    windowHours: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "feedback";
                                    /** @description nps, csat, ces or rating */
                                    scoreKind: string;
                                    /** @description Step key the answers are about */
                                    touchpoint: string;
                                    /** @default 168 */
                                    windowHours: number;
                                })[];
                                /** @default  */
                                hypothesis: string;
                                id: string;
                                journeyId: string;
                                /** @description Minimum detectable effect, absolute (0.02 = 2 points of conversion, or score units) */
                                mde: number;
                                /**
                                 * @description fixed: one look at the planned sample; sequential: always-valid (mSPRT), look any day
                                 * @default fixed
                                 * @enum {string}
                                 */
                                mode: "fixed" | "sequential";
                                name: string;
                                /**
                                 * @description The opportunity this pilots
                                 * @default null
                                 */
                                opportunityId: string | null;
                                /** @description From the power calculation */
                                plannedPerVariant: number;
                                /** @default 0.8 */
                                power: number;
                                primaryMetric: {
                                    /** @enum {string} */
                                    kind: "conversion";
                                    /** @description Target step key */
                                    step: string;
                                    /** @default 168 */
                                    windowHours: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "feedback";
                                    /** @description nps, csat, ces or rating */
                                    scoreKind: string;
                                    /** @description Step key the answers are about */
                                    touchpoint: string;
                                    /** @default 168 */
                                    windowHours: number;
                                };
                                startAt: string | null;
                                /**
                                 * @default draft
                                 * @enum {string}
                                 */
                                status: "draft" | "running" | "stopped";
                                /** @description The step the pilot changes */
                                step: string;
                                stopAt: string | null;
                                updatedAt: string;
                                /** @description The first is the control */
                                variants: {
                                    key: string;
                                    name: string;
                                    weight: number;
                                }[];
                            };
                            exposed: {
                                customers: number;
                                variant: string;
                            }[];
                            guardrails: {
                                arms: {
                                    n: number;
                                    /** @description Rate or mean */
                                    value: number | null;
                                    variant: string;
                                }[];
                                breached: boolean;
                                comparisons: {
                                    ci: ((number | null) | (number | null))[];
                                    /** @description Treatment − control: points of conversion as a share, or score units */
                                    difference: number;
                                    p: number;
                                    significant: boolean;
                                    variant: string;
                                }[];
                                metric: {
                                    /** @enum {string} */
                                    kind: "conversion";
                                    /** @description Target step key */
                                    step: string;
                                    /** @default 168 */
                                    windowHours: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "feedback";
                                    /** @description nps, csat, ces or rating */
                                    scoreKind: string;
                                    /** @description Step key the answers are about */
                                    touchpoint: string;
                                    /** @default 168 */
                                    windowHours: number;
                                };
                                series: {
                                    day: string;
                                    difference: number;
                                    hi: number;
                                    lo: number;
                                    variant: string;
                                }[];
                            }[];
                            /** @enum {string} */
                            mode: "fixed" | "sequential";
                            plannedPerVariant: number;
                            primary: {
                                arms: {
                                    n: number;
                                    /** @description Rate or mean */
                                    value: number | null;
                                    variant: string;
                                }[];
                                comparisons: {
                                    ci: ((number | null) | (number | null))[];
                                    /** @description Treatment − control: points of conversion as a share, or score units */
                                    difference: number;
                                    p: number;
                                    significant: boolean;
                                    variant: string;
                                }[];
                                metric: {
                                    /** @enum {string} */
                                    kind: "conversion";
                                    /** @description Target step key */
                                    step: string;
                                    /** @default 168 */
                                    windowHours: number;
                                } | {
                                    /** @enum {string} */
                                    kind: "feedback";
                                    /** @description nps, csat, ces or rating */
                                    scoreKind: string;
                                    /** @description Step key the answers are about */
                                    touchpoint: string;
                                    /** @default 168 */
                                    windowHours: number;
                                };
                                series: {
                                    day: string;
                                    difference: number;
                                    hi: number;
                                    lo: number;
                                    variant: string;
                                }[];
                            };
                            reachedPlan: boolean;
                            srm: {
                                chi2: number;
                                expected: number[];
                                flagged: boolean;
                                p: number;
                            };
                            verdict: {
                                /** @enum {string} */
                                kind: "collecting" | "srm" | "keep_running" | "winner" | "loser" | "no_difference" | "guardrail_breached";
                                /** @description The verdict in plain words */
                                text: string;
                                variant: string | null;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/experiments/{id}/assignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's variant: a stable hash of experiment and customer over the weights (the same answer every time), with the exposure event to send through the collector */
        get: {
            parameters: {
                query: {
                    customer: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customer: string;
                            experimentId: string;
                            /** @description track() this when the customer sees the variant */
                            exposure: {
                                event: string;
                                properties: {
                                    [key: string]: string;
                                };
                            };
                            running: boolean;
                            variant: string;
                            variantName: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/experiments/power": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customers per variant a plan needs (two-proportion z-test from the baseline rate, or means from the standard deviation) */
        get: {
            parameters: {
                query: {
                    alpha?: number;
                    baseline: number;
                    mde: number;
                    metric?: "conversion" | "feedback";
                    power?: number;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            plannedPerVariant: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Store one feedback answer (NPS 0–10, CSAT 1–5, CES 1–7, rating 1–5) as a Survey Answered event */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        channel?: string;
                        comment?: string;
                        customerId: string;
                        /** @enum {string} */
                        kind: "nps" | "csat" | "ces" | "rating";
                        messageId?: string;
                        score: number;
                        /** Format: date-time */
                        timestamp?: string;
                        /** @description Step key of the touchpoint the answer is about */
                        touchpoint?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            stored: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import an event file (CSV, JSONL or XES, optionally gzip) sent as the request body; answers with the import summary */
        post: {
            parameters: {
                query: {
                    /** @description Column holding the activity */
                    activity?: string;
                    /** @description Column holding the case */
                    case?: string;
                    /** @description Column holding the channel */
                    channel?: string;
                    /** @description Column holding the comment */
                    comment?: string;
                    /** @description File format; gzip bodies (.gz) are recognised by their bytes */
                    format: "csv" | "tsv" | "jsonl" | "xes";
                    /** @description Column holding the id */
                    id?: string;
                    /** @description The file's own name, shown in the summary and the quarantine (default upload.<format>) */
                    name?: string;
                    /** @description Column holding the revenue */
                    revenue?: string;
                    /** @description Column holding the score */
                    score?: string;
                    /** @description Column holding the scoreKind */
                    scoreKind?: string;
                    /** @description Column holding the timestamp */
                    timestamp?: string;
                    /** @description Column holding the touchpoint */
                    touchpoint?: string;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Distinct customers of the imported events */
                            customers: number;
                            /** @description Customers given traits from columns constant across their events */
                            customersWithTraits: number;
                            file: string;
                            /** @description The first rejected lines (all are kept in quarantine) */
                            firstErrors: {
                                line: number;
                                reason: string;
                            }[];
                            /** @description Events read and accepted (not quarantined) */
                            imported: number;
                            /** @description Of the imported events, those outside a strict tracking plan (stored, flagged) */
                            offPlan: number;
                            quarantined: number;
                            seconds: number;
                            /** @description Of those, events already stored (an earlier import, the collector) or repeated within the file */
                            skipped: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations not yet accepted, newest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            email: string;
                            expiresAt: string;
                            id: string;
                            invitedBy: string;
                            /** @enum {string} */
                            role: "viewer" | "editor" | "owner";
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Invite an email with a role; answers the invitation and its link token (shown once: pass the link on). The same answer whether or not the email has an account */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        /** @enum {string} */
                        role: "viewer" | "editor" | "owner";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            invitation: {
                                createdAt: string;
                                email: string;
                                expiresAt: string;
                                id: string;
                                /** @enum {string} */
                                role: "viewer" | "editor" | "owner";
                            };
                            /** @description Open /invitations/<token> to accept; valid 7 days, once */
                            token: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an invitation: its link stops working */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            kind: string;
                            name: string;
                            persona: string | null;
                            stages: number;
                            steps: number;
                            updatedAt: string;
                            version: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Create a journey from a document */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A journey, now or as of a version */
        get: {
            parameters: {
                query?: {
                    version?: number;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        /** Replace the whole document */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                        document: {
                            [key: string]: unknown;
                        };
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/analysis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The full analysis (same contract as `waymark analyze --format json`) */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            blindSpots: {
                                /** @description Designed touchpoints that received no event */
                                darkTouchpoints: {
                                    stage: string;
                                    step: string;
                                }[];
                                /** @description Events that map to no touchpoint */
                                unmappedEvents: {
                                    channel: string;
                                    count: number;
                                    event: string;
                                }[];
                            };
                            conformance: {
                                customers: number;
                                deviations: {
                                    /** @description Customers who made it at least once */
                                    customers: number;
                                    /** @description "buy → use", or "use: web → phone" for a channel switch */
                                    detail: string;
                                    /** @description Stage key the move leaves (for a channel switch, its stage) */
                                    from: string;
                                    /** @description A channel switch only: the channel left (null for the other kinds) */
                                    fromChannel: string | null;
                                    /** @enum {string} */
                                    kind: "stage skipped" | "backward move" | "channel switch mid-stage";
                                    /** @description Stage key the move reaches (for a channel switch, the same stage) */
                                    to: string;
                                    /** @description A channel switch only: the channel taken (null for the other kinds) */
                                    toChannel: string | null;
                                }[];
                                /** @description Customers whose path never moves back to an earlier stage nor skips one, as a share 0..1 */
                                fitness: number;
                            };
                            drivers: {
                                /** @description Customers without the factor (who could have had it) who had the outcome, as a share 0..1 */
                                baselineRate: number;
                                /** @description 95 % confidence interval of the lift */
                                ci: (number)[];
                                /** @description e.g. "repeated support_call", "install via phone", "trait plan=fibre", "slow a → b" */
                                factor: string;
                                /** @description Relative risk of the outcome with the factor against without it */
                                lift: number;
                                /** @description "not reaching <goal>", "NPS detractor" or "low score at <step>" */
                                outcome: string;
                                /** @description Customers with the factor who had the outcome, as a share 0..1 */
                                outcomeRate: number;
                                /** @description One-sided p-value, adjusted over every factor and outcome tested (Benjamini–Hochberg) */
                                p: number;
                                /** @description Customers with the factor */
                                support: number;
                            }[];
                            flow: {
                                /** @description Directly-follows graph: [from, to, times], self-loops included */
                                dfg: (string | number)[][];
                                /** @description Customers per last step */
                                end: {
                                    [key: string]: number;
                                };
                                /** @description Customers per first step */
                                start: {
                                    [key: string]: number;
                                };
                            };
                            /** @description Ranked by value at risk */
                            redPoints: {
                                customersAffected: number;
                                reasons: {
                                    /** @description The same measure for the baseline: the other steps, or for waits the same step in the previous period */
                                    baseline: number;
                                    /** @enum {string} */
                                    metric: "exitRate" | "repeatRate" | "feedback" | "hoursToNextInStage";
                                    /** @description One-sided p-value, adjusted over all tests of the journey (Benjamini–Hochberg) */
                                    p: number;
                                    /** @description Rates as shares 0..1, feedback on −2…+2, waits in hours (geometric mean) */
                                    value: number;
                                }[];
                                /** @description The segment it concerns; null for all of the step's customers */
                                segment: {
                                    trait: string;
                                    value: string;
                                } | null;
                                stage: string;
                                step: string;
                                /** @description Revenue of the customers affected (the largest of the reasons') */
                                valueAtRisk: number;
                            }[];
                            summary: {
                                customers: number;
                                events: number;
                                /** @description First event: UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                                from: string | null;
                                /** @description Last event: UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                                to: string | null;
                            };
                            touchpoints: {
                                /** @description Customers who repeated within 7 days on a contact channel (failure demand), of the step's customers, as a share 0..1 */
                                contactRepeatRate: number;
                                customers: number;
                                events: number;
                                /** @description Customers whose last journey event is this step and who never reached the goal, of the step's customers, as a share 0..1 */
                                exitRate: number;
                                /** @description The step's most answered feedback kind */
                                feedback: {
                                    /** @description nps, csat, ces or rating */
                                    kind: string;
                                    /** @description Mean raw score on the kind's own scale */
                                    mean: number;
                                    /** @description Answers */
                                    n: number;
                                    /** @description Net Promoter Score −100…+100 (NPS answers only) */
                                    nps: number | null;
                                } | null;
                                /** @description Median time to the next step, in hours (null without data) */
                                medianHoursToNext: number | null;
                                /** @description Customers who reached the step, of the journey's customers, as a share 0..1 */
                                reach: number;
                                /** @description Customers with ≥ 2 occurrences within 7 days on any channel, of the step's customers, as a share 0..1 */
                                repeatRate: number;
                                stage: string;
                                step: string;
                            }[];
                            variants: {
                                customers: number;
                                path: string[];
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/brief": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The journey's brief: desired outcomes with the share of customers for whom each is met and its trend, channels and touchpoints used, red points and drivers */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Channels the customers used at journey steps, most used first */
                            channels: {
                                channel: string;
                                customers: number;
                                /** @description Of the journey's customers, 0..1 */
                                share: number;
                            }[];
                            /** @description The journey's customers in the scope */
                            customers: number;
                            /** @description The strongest drivers of failure (largest lift), at most 5 */
                            drivers: {
                                /** @description Customers without the factor (who could have had it) who had the outcome, as a share 0..1 */
                                baselineRate: number;
                                /** @description 95 % confidence interval of the lift */
                                ci: (number)[];
                                /** @description e.g. "repeated support_call", "install via phone", "trait plan=fibre", "slow a → b" */
                                factor: string;
                                /** @description Relative risk of the outcome with the factor against without it */
                                lift: number;
                                /** @description "not reaching <goal>", "NPS detractor" or "low score at <step>" */
                                outcome: string;
                                /** @description Customers with the factor who had the outcome, as a share 0..1 */
                                outcomeRate: number;
                                /** @description One-sided p-value, adjusted over every factor and outcome tested (Benjamini–Hochberg) */
                                p: number;
                                /** @description Customers with the factor */
                                support: number;
                            }[];
                            /** @description The journey's desired outcomes, then its persona's it has not taken up */
                            outcomes: {
                                /** @description The same in the previous period */
                                before: {
                                    /** @description Customers the outcome applies to (all, or those who reached the start step, or answered the feedback), pending ones left out */
                                    eligible: number;
                                    /** @description Of those, the customers for whom it is met */
                                    met: number;
                                    /** @description Customers whose time limit had not run out when the data ends and who have not met it yet (counted in neither) */
                                    pending: number;
                                    /** @description met / eligible, 0..1; null when it applies to nobody */
                                    share: number | null;
                                } | null;
                                /** @description null: not bound to a measure yet */
                                measure: ({
                                    /** @enum {string} */
                                    kind: "reach";
                                    step: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "avoid";
                                    step: string;
                                } | {
                                    from: string;
                                    hours: number;
                                    /** @enum {string} */
                                    kind: "within";
                                    to: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "score";
                                    min: number;
                                    /** @enum {string} */
                                    scoreKind: "nps" | "csat" | "ces" | "rating";
                                    step: string;
                                }) | null;
                                now: {
                                    /** @description Customers the outcome applies to (all, or those who reached the start step, or answered the feedback), pending ones left out */
                                    eligible: number;
                                    /** @description Of those, the customers for whom it is met */
                                    met: number;
                                    /** @description Customers whose time limit had not run out when the data ends and who have not met it yet (counted in neither) */
                                    pending: number;
                                    /** @description met / eligible, 0..1; null when it applies to nobody */
                                    share: number | null;
                                } | null;
                                text: string;
                                /** @description Share now − share then, in share points (0.05 = +5 points) */
                                trend: number | null;
                            }[];
                            /** @description The period trends compare with (null without both from and to) */
                            previousPeriod: {
                                from: string;
                                to: string;
                            } | null;
                            /** @description From the cached map analysis, ranked by value at risk */
                            redPoints: {
                                customersAffected: number;
                                reasons: {
                                    /** @description The same measure for the baseline: the other steps, or for waits the same step in the previous period */
                                    baseline: number;
                                    /** @enum {string} */
                                    metric: "exitRate" | "repeatRate" | "feedback" | "hoursToNextInStage";
                                    /** @description One-sided p-value, adjusted over all tests of the journey (Benjamini–Hochberg) */
                                    p: number;
                                    /** @description Rates as shares 0..1, feedback on −2…+2, waits in hours (geometric mean) */
                                    value: number;
                                }[];
                                /** @description The segment it concerns; null for all of the step's customers */
                                segment: {
                                    trait: string;
                                    value: string;
                                } | null;
                                stage: string;
                                step: string;
                                /** @description Revenue of the customers affected (the largest of the reasons') */
                                valueAtRisk: number;
                            }[];
                            /** @description Steps by reach, highest first */
                            touchpoints: {
                                customers: number;
                                reach: number;
                                stage: string;
                                step: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/brief/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customers behind a desired outcome's share on the brief: for whom it is met, not met, or still within its time limit; most valuable first */
        get: {
            parameters: {
                query: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    limit?: number;
                    /** @description The desired outcome's text, as the brief lists it */
                    outcome: string;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                    which?: "met" | "unmet" | "pending";
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: {
                                customer: string;
                                /** @description Last occurrence: UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                                lastSeen: string;
                                occurrences: number;
                                /** @description Revenue */
                                value: number;
                            }[];
                            /** @description All customers behind the figure (the list stops at the limit) */
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/conformance/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customers who made a conformance deviation at least once (as many as the deviation's customers), most valuable first */
        get: {
            parameters: {
                query: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description A channel switch only: the channel left */
                    fromChannel?: string;
                    /** @description The deviation's `from`: the stage key the move leaves */
                    fromStage: string;
                    kind: "stage skipped" | "backward move" | "channel switch mid-stage";
                    limit?: number;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description A channel switch only: the channel taken */
                    toChannel?: string;
                    /** @description The deviation's `to`: the stage key the move reaches (the same stage for a channel switch) */
                    toStage: string;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: {
                                customer: string;
                                /** @description Last occurrence: UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                                lastSeen: string;
                                occurrences: number;
                                /** @description Revenue */
                                value: number;
                            }[];
                            /** @description All customers behind the figure (the list stops at the limit) */
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/customer-value": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customer value: revenue, RFM tiers and a simple 24-month CLV estimate, with the most valuable customers */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    top?: number;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Latest event of the scope, which recency is measured from: UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                            asOf: string | null;
                            customers: number;
                            revenue: number;
                            tiers: {
                                customers: number;
                                /** @description Mean 24-month CLV estimate */
                                meanClv: number;
                                revenue: number;
                                /** @enum {string} */
                                tier: "champions" | "loyal" | "new" | "at risk" | "lost" | "regular" | "no revenue";
                            }[];
                            top: {
                                /** @description Revenue per active month × 24 */
                                clv: number;
                                customer: string;
                                daysSinceLastSeen: number;
                                purchases: number;
                                revenue: number;
                                /** @description Recency, frequency and monetary scores 1–5, e.g. "545" */
                                rfm: string;
                                /** @enum {string} */
                                tier: "champions" | "loyal" | "new" | "at risk" | "lost" | "regular" | "no revenue";
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customers behind a touchpoint figure (reached, repeated, contactRepeated, exited, converted, lowFeedback), most valuable first */
        get: {
            parameters: {
                query: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    limit?: number;
                    metric?: "reached" | "repeated" | "contactRepeated" | "exited" | "converted" | "lowFeedback";
                    step: string;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of this value tier (a red point's segment "value tier") */
                    valueTier?: "high" | "mid" | "low";
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: {
                                customer: string;
                                /** @description Last occurrence: UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                                lastSeen: string;
                                occurrences: number;
                                /** @description Revenue */
                                value: number;
                            }[];
                            /** @description All customers behind the figure (the list stops at the limit) */
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changed between two versions */
        get: {
            parameters: {
                query: {
                    from: number;
                    to?: number;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Top-level fields (name, persona, goal, insights, …) that differ */
                            journeyFields: string[];
                            stagesAdded: string[];
                            stagesChanged: {
                                fields: string[];
                                key: string;
                            }[];
                            stagesRemoved: string[];
                            stepsAdded: string[];
                            stepsChanged: {
                                fields: string[];
                                key: string;
                            }[];
                            /** @description Steps now in another stage or at another position within their stage */
                            stepsMoved: string[];
                            stepsRemoved: string[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/drivers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Factors (steps, repeats, channels, segments, slow waits) that predict not reaching the goal, being an NPS detractor or a low score at a touchpoint */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Customers without the factor (who could have had it) who had the outcome, as a share 0..1 */
                            baselineRate: number;
                            /** @description 95 % confidence interval of the lift */
                            ci: (number)[];
                            /** @description e.g. "repeated support_call", "install via phone", "trait plan=fibre", "slow a → b" */
                            factor: string;
                            /** @description Relative risk of the outcome with the factor against without it */
                            lift: number;
                            /** @description "not reaching <goal>", "NPS detractor" or "low score at <step>" */
                            outcome: string;
                            /** @description Customers with the factor who had the outcome, as a share 0..1 */
                            outcomeRate: number;
                            /** @description One-sided p-value, adjusted over every factor and outcome tested (Benjamini–Hochberg) */
                            p: number;
                            /** @description Customers with the factor */
                            support: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/drivers/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customers behind a driver: who had the factor (counted as the driver counts them) and whether they had the outcome, most valuable first */
        get: {
            parameters: {
                query: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description As the drivers name it, e.g. "repeated support_call", "use via phone", "trait tier=gold" */
                    factor: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    limit?: number;
                    /** @description As the drivers name it, e.g. "NPS detractor", "not reaching bill_paid", "low score at support_call" */
                    outcome: string;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: {
                                customer: string;
                                hadOutcome: boolean;
                                /** @description Revenue, or the potential (mean revenue of paying customers) of one who has not paid yet */
                                value: number;
                            }[];
                            /** @description Customers with the factor (the driver's support); the list stops at the limit */
                            total: number;
                            /** @description Of them, those who had the outcome (the driver's outcome rate × support) */
                            withOutcome: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export as JSON, Mermaid, CSV (one row per step) or Markdown */
        get: {
            parameters: {
                query?: {
                    format?: "json" | "mermaid" | "csv" | "md";
                    version?: number;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/flow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Directly-follows graph, start/end counts and variants, by journey step or by raw event name */
        get: {
            parameters: {
                query?: {
                    by?: "step" | "event";
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                    variants?: number;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: number;
                            /** @description Directly-follows graph: [from, to, times], self-loops included */
                            dfg: (string | number)[][];
                            /** @description Customers per last step */
                            end: {
                                [key: string]: number;
                            };
                            /** @description Customers per first step */
                            start: {
                                [key: string]: number;
                            };
                            variants: {
                                customers: number;
                                path: string[];
                                /** @description Customers who took this path, as a share 0..1 */
                                share: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Funnel over steps (or stages): conversion per step, median time to convert, breakdown by channel, trait or value tier, what drop-outs did next */
        get: {
            parameters: {
                query?: {
                    /** @description channel (of the first funnel step), valueTier (paying customers by revenue: high above the 80th percentile, low below the 20th) or trait:<name> (the customer's latest value) */
                    breakdown?: string;
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    order?: "ordered" | "strict" | "any";
                    /** @description Comma-separated stage keys: each stage counts as reached at its first step (at most 20) */
                    stages?: string;
                    /** @description Comma-separated step keys in funnel order (at most 20) */
                    steps?: string;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                    /** @description Conversion window in hours */
                    window?: number;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Per breakdown group, at most 20, the largest first */
                            breakdown: {
                                /** @description Per funnel step */
                                customers: number[];
                                /** @description Per funnel step, in hours (null for the first step or without customers) */
                                medianHoursFromPrevious: (number | null)[];
                                /** @description The group: channel of the customer's first funnel step, latest value of the trait, or value tier (high, mid, low); '' for customers without one */
                                value: string;
                            }[];
                            dropOffNext: {
                                after: string;
                                /** @description Top 5 next steps of those who stopped after `after` */
                                next: {
                                    customers: number;
                                    /** @description What they did next, or "(left)" */
                                    name: string;
                                }[];
                            }[];
                            steps: {
                                /** @description Customers at this step, of those at the first, as a share 0..1 */
                                conversion: number;
                                /** @description Customers at this step, of those at the previous one, as a share 0..1 */
                                conversionFromPrevious: number;
                                customers: number;
                                /** @description Median time from the previous step, in hours (null for the first step or without customers) */
                                medianHoursFromPrevious: number | null;
                                step: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/funnel/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customers behind a funnel figure: who reached step `at`, or dropped out after it (optionally: who did `next` next), in a breakdown group; most valuable first */
        get: {
            parameters: {
                query: {
                    /** @description Funnel step, 1-based */
                    at: number;
                    /** @description channel (of the first funnel step), valueTier (paying customers by revenue: high above the 80th percentile, low below the 20th) or trait:<name> (the customer's latest value) */
                    breakdown?: string;
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description A breakdown group (needs breakdown); '' for the customers without one */
                    group?: string;
                    limit?: number;
                    /** @description Drop-outs only: those whose next step was this one, or "(left)" for those who did nothing more */
                    next?: string;
                    order?: "ordered" | "strict" | "any";
                    /** @description reached: got to step `at` (or further); dropped: stopped after it */
                    outcome?: "reached" | "dropped";
                    /** @description Comma-separated stage keys: each stage counts as reached at its first step (at most 20) */
                    stages?: string;
                    /** @description Comma-separated step keys in funnel order (at most 20) */
                    steps?: string;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                    /** @description Conversion window in hours */
                    window?: number;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: {
                                customer: string;
                                /** @description What they did right after their deepest funnel step: a step, or "(left)"; null when they completed the funnel */
                                next: string | null;
                                /** @description Funnel steps the customer reached */
                                stepsReached: number;
                                /** @description Revenue in scope, or the potential (mean revenue of paying customers) for a customer who has not paid yet */
                                value: number;
                            }[];
                            /** @description All customers behind the figure (the list stops at the limit) */
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/insights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add research evidence */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        insight: {
                            author?: string;
                            /** Format: date */
                            date?: string;
                            /** Format: uri */
                            link?: string;
                            quote?: string;
                            /** @enum {string} */
                            source: "interview" | "service_safari" | "survey" | "analytics" | "competitor";
                            stages?: string[];
                            steps?: string[];
                            text: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/insights/{index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove research evidence */
        delete: {
            parameters: {
                query: {
                    version: number;
                };
                header?: never;
                path: {
                    id: string;
                    index: number;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change research evidence */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    index: number;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        patch: {
                            author?: string;
                            /** Format: date */
                            date?: string;
                            /** Format: uri */
                            link?: string;
                            quote?: string;
                            /** @enum {string} */
                            source?: "interview" | "service_safari" | "survey" | "analytics" | "competitor";
                            stages?: string[];
                            steps?: string[];
                            text?: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/map": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything the journey map shows in one answer: the full analysis and the touchpoint KPIs with their trends (cached until data arrives) */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            analysis: {
                                blindSpots: {
                                    /** @description Designed touchpoints that received no event */
                                    darkTouchpoints: {
                                        stage: string;
                                        step: string;
                                    }[];
                                    /** @description Events that map to no touchpoint */
                                    unmappedEvents: {
                                        channel: string;
                                        count: number;
                                        event: string;
                                    }[];
                                };
                                conformance: {
                                    customers: number;
                                    deviations: {
                                        /** @description Customers who made it at least once */
                                        customers: number;
                                        /** @description "buy → use", or "use: web → phone" for a channel switch */
                                        detail: string;
                                        /** @description Stage key the move leaves (for a channel switch, its stage) */
                                        from: string;
                                        /** @description A channel switch only: the channel left (null for the other kinds) */
                                        fromChannel: string | null;
                                        /** @enum {string} */
                                        kind: "stage skipped" | "backward move" | "channel switch mid-stage";
                                        /** @description Stage key the move reaches (for a channel switch, the same stage) */
                                        to: string;
                                        /** @description A channel switch only: the channel taken (null for the other kinds) */
                                        toChannel: string | null;
                                    }[];
                                    /** @description Customers whose path never moves back to an earlier stage nor skips one, as a share 0..1 */
                                    fitness: number;
                                };
                                drivers: {
                                    /** @description Customers without the factor (who could have had it) who had the outcome, as a share 0..1 */
                                    baselineRate: number;
                                    /** @description 95 % confidence interval of the lift */
                                    ci: (number)[];
                                    /** @description e.g. "repeated support_call", "install via phone", "trait plan=fibre", "slow a → b" */
                                    factor: string;
                                    /** @description Relative risk of the outcome with the factor against without it */
                                    lift: number;
                                    /** @description "not reaching <goal>", "NPS detractor" or "low score at <step>" */
                                    outcome: string;
                                    /** @description Customers with the factor who had the outcome, as a share 0..1 */
                                    outcomeRate: number;
                                    /** @description One-sided p-value, adjusted over every factor and outcome tested (Benjamini–Hochberg) */
                                    p: number;
                                    /** @description Customers with the factor */
                                    support: number;
                                }[];
                                flow: {
                                    /** @description Directly-follows graph: [from, to, times], self-loops included */
                                    dfg: (string | number)[][];
                                    /** @description Customers per last step */
                                    end: {
                                        [key: string]: number;
                                    };
                                    /** @description Customers per first step */
                                    start: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description Ranked by value at risk */
                                redPoints: {
                                    customersAffected: number;
                                    reasons: {
                                        /** @description The same measure for the baseline: the other steps, or for waits the same step in the previous period */
                                        baseline: number;
                                        /** @enum {string} */
                                        metric: "exitRate" | "repeatRate" | "feedback" | "hoursToNextInStage";
                                        /** @description One-sided p-value, adjusted over all tests of the journey (Benjamini–Hochberg) */
                                        p: number;
                                        /** @description Rates as shares 0..1, feedback on −2…+2, waits in hours (geometric mean) */
                                        value: number;
                                    }[];
                                    /** @description The segment it concerns; null for all of the step's customers */
                                    segment: {
                                        trait: string;
                                        value: string;
                                    } | null;
                                    stage: string;
                                    step: string;
                                    /** @description Revenue of the customers affected (the largest of the reasons') */
                                    valueAtRisk: number;
                                }[];
                                summary: {
                                    customers: number;
                                    events: number;
                                    /** @description First event: UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                                    from: string | null;
                                    /** @description Last event: UTC as "YYYY-MM-DD hh:mm:ss.sss" */
                                    to: string | null;
                                };
                                touchpoints: {
                                    /** @description Customers who repeated within 7 days on a contact channel (failure demand), of the step's customers, as a share 0..1 */
                                    contactRepeatRate: number;
                                    customers: number;
                                    events: number;
                                    /** @description Customers whose last journey event is this step and who never reached the goal, of the step's customers, as a share 0..1 */
                                    exitRate: number;
                                    /** @description The step's most answered feedback kind */
                                    feedback: {
                                        /** @description nps, csat, ces or rating */
                                        kind: string;
                                        /** @description Mean raw score on the kind's own scale */
                                        mean: number;
                                        /** @description Answers */
                                        n: number;
                                        /** @description Net Promoter Score −100…+100 (NPS answers only) */
                                        nps: number | null;
                                    } | null;
                                    /** @description Median time to the next step, in hours (null without data) */
                                    medianHoursToNext: number | null;
                                    /** @description Customers who reached the step, of the journey's customers, as a share 0..1 */
                                    reach: number;
                                    /** @description Customers with ≥ 2 occurrences within 7 days on any channel, of the step's customers, as a share 0..1 */
                                    repeatRate: number;
                                    stage: string;
                                    step: string;
                                }[];
                                variants: {
                                    customers: number;
                                    path: string[];
                                }[];
                            };
                            touchpoints: {
                                /** @description The journey's customers in the scope */
                                customers: number;
                                /** @description Goal step: reaching it is not an exit */
                                goal: string | null;
                                /** @description The period of equal length before from–to that trends compare with; null without both from and to */
                                previousPeriod: {
                                    /** @description ISO 8601 */
                                    from: string;
                                    /** @description ISO 8601, exclusive */
                                    to: string;
                                } | null;
                                /** @description Revenue of those customers */
                                totalValue: number;
                                touchpoints: {
                                    /** @description Customers who repeated within 7 days on a contact channel (failure demand), of the step's customers, as a share 0..1 */
                                    contactRepeatRate: number;
                                    /** @description Customers who later reach the next stage, of the step's customers, as a share 0..1 (null for the last stage) */
                                    conversionToNextStage: number | null;
                                    customers: number;
                                    /** @description The journey's designed emotion, −2…+2 */
                                    designedEmotion: number | null;
                                    events: number;
                                    /** @description Customers whose last journey event is this step and who never reached the goal, of the step's customers, as a share 0..1 */
                                    exitRate: number;
                                    feedback: {
                                        /** @description Share of CSAT answers 4–5, in percent (CSAT only) */
                                        csatPercent: number | null;
                                        /** @description nps, csat, ces or rating */
                                        kind: string;
                                        /** @description Mean raw score on the kind's own scale */
                                        mean: number;
                                        /** @description Answers */
                                        n: number;
                                        /** @description Net Promoter Score −100…+100 (NPS answers only) */
                                        nps: number | null;
                                    }[];
                                    /** @description Mean feedback normalised to −2…+2: the measured emotion curve */
                                    measuredEmotion: number | null;
                                    /** @description Median time to the next step, in hours (null without data) */
                                    medianHoursToNext: number | null;
                                    /** @description 90th percentile of the time to the next step, in hours (null without data) */
                                    p90HoursToNext: number | null;
                                    /** @description Customers who reached the step, of the journey's customers, as a share 0..1 */
                                    reach: number;
                                    /** @description Customers with ≥ 2 occurrences within 7 days on any channel, of the step's customers, as a share 0..1 */
                                    repeatRate: number;
                                    stage: string;
                                    step: string;
                                    /** @description Null without a period (from and to) */
                                    trend: {
                                        /** @description Relative change against the previous period (0.1 = +10 %); null without data then */
                                        customers: number | null;
                                        /** @description Relative change against the previous period (0.1 = +10 %); null without data then */
                                        events: number | null;
                                        /** @description Difference of exit rates (now − then), in share points; null without data then */
                                        exitRate: number | null;
                                    } | null;
                                }[];
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/rule-preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview mapping rules: the events and customers they match in the period, the latest events, and similar unmapped events */
        post: {
            parameters: {
                query?: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        rules: ({
                            channel?: string;
                            event: string | string[];
                            where?: {
                                [key: string]: (string | number | boolean) | (string | number | boolean)[];
                            };
                        } & {
                            [key: string]: unknown;
                        })[];
                        /** @description The step the rules are for: steps before it in the journey win its events first */
                        step?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Customers with any of them, as the touchpoint KPIs count them */
                            customers: number;
                            /** @description Events the rules match in the period (those an earlier step of the journey maps first left out) */
                            events: number;
                            /** @description The latest matching events, at most 5 */
                            samples: {
                                channel: string;
                                customer: string;
                                event: string;
                                properties: {
                                    [key: string]: string;
                                };
                                ts: string;
                            }[];
                            /** @description Events no step maps that look like the rules (same name prefix or channel), most frequent first, at most 8 */
                            suggestions: {
                                channel: string;
                                event: string;
                                events: number;
                            }[];
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/sankey": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Paths from or to a step, N steps deep, rare steps grouped as "other" (nodes and links for a Sankey diagram) */
        get: {
            parameters: {
                query: {
                    by?: "step" | "event";
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    depth?: number;
                    direction?: "from" | "to";
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    minShare?: number;
                    step: string;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Customers whose path has the step */
                            customers: number;
                            links: {
                                customers: number;
                                source: string;
                                target: string;
                            }[];
                            nodes: {
                                customers: number;
                                /** @description "<position>:<name>" */
                                id: string;
                                /** @description A step, "other" (rare names grouped), "(start)" or "(end)" */
                                name: string;
                                /** @description Steps from the chosen step, negative before it */
                                position: number;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/stages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a stage */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 0-based position; default: the end */
                        index?: number;
                        stage: {
                            fears?: string[];
                            goal?: string;
                            key: string;
                            motivations?: string[];
                            name: string;
                            promise?: string;
                            questions?: string[];
                            steps: ({
                                backstage?: string;
                                channel?: string;
                                description?: string;
                                emotion?: number;
                                key: string;
                                match?: ({
                                    channel?: string;
                                    event: string | string[];
                                    where?: {
                                        [key: string]: (string | number | boolean) | (string | number | boolean)[];
                                    };
                                } & {
                                    [key: string]: unknown;
                                })[];
                                momentOfTruth?: boolean;
                                name: string;
                                owner?: string;
                                pains?: string[];
                                thoughts?: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/stages/{stageKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an empty stage */
        delete: {
            parameters: {
                query: {
                    version: number;
                };
                header?: never;
                path: {
                    id: string;
                    stageKey: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a stage */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    stageKey: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        patch: {
                            fears?: string[];
                            goal?: string;
                            motivations?: string[];
                            name?: string;
                            promise?: string;
                            questions?: string[];
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/stages/{stageKey}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a stage */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    stageKey: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        index: number;
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a step (touchpoint) to a stage */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 0-based position; default: the end */
                        index?: number;
                        stage: string;
                        step: {
                            backstage?: string;
                            channel?: string;
                            description?: string;
                            emotion?: number;
                            key: string;
                            match?: ({
                                channel?: string;
                                event: string | string[];
                                where?: {
                                    [key: string]: (string | number | boolean) | (string | number | boolean)[];
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            momentOfTruth?: boolean;
                            name: string;
                            owner?: string;
                            pains?: string[];
                            thoughts?: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/steps/{stepKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a step */
        delete: {
            parameters: {
                query: {
                    version: number;
                };
                header?: never;
                path: {
                    id: string;
                    stepKey: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a step */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    stepKey: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        patch: {
                            backstage?: string;
                            channel?: string;
                            description?: string;
                            emotion?: number;
                            match?: ({
                                channel?: string;
                                event: string | string[];
                                where?: {
                                    [key: string]: (string | number | boolean) | (string | number | boolean)[];
                                };
                            } & {
                                [key: string]: unknown;
                            })[];
                            momentOfTruth?: boolean;
                            name?: string;
                            owner?: string;
                            pains?: string[];
                            thoughts?: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/steps/{stepKey}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move or reorder a step */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    stepKey: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description 0-based position; default: the end */
                        index?: number;
                        stage: string;
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/touchpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Touchpoint KPIs and the measured emotion curve beside the designed one */
        get: {
            parameters: {
                query?: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The journey's customers in the scope */
                            customers: number;
                            /** @description Goal step: reaching it is not an exit */
                            goal: string | null;
                            /** @description The period of equal length before from–to that trends compare with; null without both from and to */
                            previousPeriod: {
                                /** @description ISO 8601 */
                                from: string;
                                /** @description ISO 8601, exclusive */
                                to: string;
                            } | null;
                            /** @description Revenue of those customers */
                            totalValue: number;
                            touchpoints: {
                                /** @description Customers who repeated within 7 days on a contact channel (failure demand), of the step's customers, as a share 0..1 */
                                contactRepeatRate: number;
                                /** @description Customers who later reach the next stage, of the step's customers, as a share 0..1 (null for the last stage) */
                                conversionToNextStage: number | null;
                                customers: number;
                                /** @description The journey's designed emotion, −2…+2 */
                                designedEmotion: number | null;
                                events: number;
                                /** @description Customers whose last journey event is this step and who never reached the goal, of the step's customers, as a share 0..1 */
                                exitRate: number;
                                feedback: {
                                    /** @description Share of CSAT answers 4–5, in percent (CSAT only) */
                                    csatPercent: number | null;
                                    /** @description nps, csat, ces or rating */
                                    kind: string;
                                    /** @description Mean raw score on the kind's own scale */
                                    mean: number;
                                    /** @description Answers */
                                    n: number;
                                    /** @description Net Promoter Score −100…+100 (NPS answers only) */
                                    nps: number | null;
                                }[];
                                /** @description Mean feedback normalised to −2…+2: the measured emotion curve */
                                measuredEmotion: number | null;
                                /** @description Median time to the next step, in hours (null without data) */
                                medianHoursToNext: number | null;
                                /** @description 90th percentile of the time to the next step, in hours (null without data) */
                                p90HoursToNext: number | null;
                                /** @description Customers who reached the step, of the journey's customers, as a share 0..1 */
                                reach: number;
                                /** @description Customers with ≥ 2 occurrences within 7 days on any channel, of the step's customers, as a share 0..1 */
                                repeatRate: number;
                                stage: string;
                                step: string;
                                /** @description Null without a period (from and to) */
                                trend: {
                                    /** @description Relative change against the previous period (0.1 = +10 %); null without data then */
                                    customers: number | null;
                                    /** @description Relative change against the previous period (0.1 = +10 %); null without data then */
                                    events: number | null;
                                    /** @description Difference of exit rates (now − then), in share points; null without data then */
                                    exitRate: number | null;
                                } | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/tracking-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tracking plan: events and customers per touchpoint, dark touchpoints, and events that map to no touchpoint */
        get: {
            parameters: {
                query?: {
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                };
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            darkTouchpoints: {
                                stage: string;
                                step: string;
                            }[];
                            period: {
                                /** @description ISO 8601 */
                                from: string | null;
                                /** @description ISO 8601, exclusive */
                                to: string | null;
                            };
                            touchpoints: {
                                channel: string | null;
                                customers: number;
                                /** @description No event in the period */
                                dark: boolean;
                                events: number;
                                stage: string;
                                step: string;
                            }[];
                            /** @description Events that map to no step (at most 1000) */
                            unmappedEvents: {
                                channel: string;
                                count: number;
                                customers: number;
                                event: string;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Version history: who changed what, when */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            createdBy: string | null;
                            summary: string;
                            version: number;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/{id}/versions/{v}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Restore an old version (saved as a new version) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    v: number;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The version you edited; 409 if the journey has changed since */
                        version: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                            document: {
                                [key: string]: unknown;
                            };
                            id: string;
                            name: string;
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/journeys/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import a journey file (JSON document, or Mermaid `journey` text); idempotent by journey name */
        post: {
            parameters: {
                query?: {
                    format?: "json" | "mermaid";
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    } | string;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            journey: {
                                /** @description A waymark.journey/v1 document (see /api/schemas/waymark.journey.v1.json) */
                                document: {
                                    [key: string]: unknown;
                                };
                                id: string;
                                name: string;
                                updatedAt: string;
                                version: number;
                            };
                            /** @enum {string} */
                            outcome: "created" | "updated" | "unchanged";
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Addresses or CIDR ranges the key works from; empty: anywhere */
                            allowedIps: string[];
                            createdAt: string;
                            /** @description Refused from then on; null: no expiry */
                            expiresAt: string | null;
                            id: string;
                            /**
                             * @description write: send events (safe in web pages); read: viewer access for scripts; import: send events and files (server-side)
                             * @enum {string}
                             */
                            kind: "write" | "read" | "import";
                            /** @description Recorded at most once a minute */
                            lastUsedAt: string | null;
                            name: string;
                            /** @description First characters of the key, to tell keys apart */
                            prefix: string;
                            revokedAt: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** Create a write key (ingestion, safe in web pages), read key (viewer access for scripts) or import key (events and files, server-side); the secret is shown once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description Read and import keys: the addresses or CIDR ranges they work from (e.g. 10.0.0.0/8); empty: anywhere
                         * @default []
                         */
                        allowedIps?: string[];
                        /** @description Refused after this many days; default: no expiry */
                        expiresInDays?: number;
                        /** @enum {string} */
                        kind: "write" | "read" | "import";
                        name: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Addresses or CIDR ranges the key works from; empty: anywhere */
                            allowedIps: string[];
                            createdAt: string;
                            /** @description Refused from then on; null: no expiry */
                            expiresAt: string | null;
                            id: string;
                            /**
                             * @description write: send events (safe in web pages); read: viewer access for scripts; import: send events and files (server-side)
                             * @enum {string}
                             */
                            kind: "write" | "read" | "import";
                            /** @description Recorded at most once a minute */
                            lastUsedAt: string | null;
                            name: string;
                            /** @description First characters of the key, to tell keys apart */
                            prefix: string;
                            revokedAt: string | null;
                            secret: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    keyId: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            name: string;
                            /** @enum {string} */
                            role: "viewer" | "editor" | "owner";
                            userId: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a member's role (owners only) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        role: "viewer" | "editor" | "owner";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            name: string;
                            /** @enum {string} */
                            role: "viewer" | "editor" | "owner";
                            userId: string;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    userId: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/off-plan-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Events stored while the tracking plan was strict that no journey maps, by name and channel, most frequent first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            channel: string;
                            customers: number;
                            event: string;
                            events: number;
                            lastSeenAt: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/opportunities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The portfolio: ranked opportunities first (by the scoring formula; pins first), then done and declined ones; `q` searches titles, problems and decline reasons */
        get: {
            parameters: {
                query?: {
                    q?: string;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            opportunities: {
                                /** @enum {string} */
                                category: "must_have" | "strategic" | "star";
                                confidence: number;
                                /** @description ISO 8601 */
                                createdAt: string;
                                customersAffected: number;
                                declinedCustomers: number | null;
                                declinedReason: string | null;
                                declinedValueAtRisk: number | null;
                                effort: number;
                                evidence: {
                                    /** @description Follow-up cases linked to it */
                                    cases: number;
                                    closedCases: number;
                                    /** @description What closed cases found, most frequent first */
                                    rootCauses: {
                                        cases: number;
                                        rootCause: string;
                                    }[];
                                };
                                id: string;
                                owner: {
                                    email: string;
                                    id: string;
                                    name: string;
                                } | null;
                                pinnedRank: number | null;
                                problem: string;
                                /** @enum {string} */
                                promiseFit: "none" | "partial" | "full";
                                /** @description Position in the ranked list (null: done, or declined and not due again) */
                                rank: number | null;
                                /** @description Red points only: whether the analysis still finds it */
                                redPointActive: boolean | null;
                                /**
                                 * @description A declined item due again
                                 * @enum {string|null}
                                 */
                                resurfaced: "revisit_due" | "red_point_worse" | null;
                                /** @description ISO 8601 */
                                revisitAt: string | null;
                                /** @description See the README: the scoring formula */
                                score: number;
                                solutions: {
                                    /** @description ISO 8601 */
                                    createdAt: string;
                                    dueDate: string | null;
                                    id: string;
                                    opportunityId: string;
                                    position: number;
                                    startDate: string | null;
                                    /** @enum {string} */
                                    status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                                    title: string;
                                }[];
                                source: {
                                    filter: {
                                        channel?: string[];
                                        from?: string;
                                        properties?: {
                                            [key: string]: string[];
                                        };
                                        to?: string;
                                        traits?: {
                                            [key: string]: string[];
                                        };
                                        valueTiers?: string[];
                                    };
                                    journeyId: string;
                                    /** @enum {string} */
                                    kind: "red_point";
                                    metrics: string[];
                                    segment: {
                                        trait: string;
                                        value: string;
                                    } | null;
                                    step: string;
                                } | {
                                    /** @description Index in the journey's insights */
                                    insight: number;
                                    journeyId: string;
                                    /** @enum {string} */
                                    kind: "insight";
                                } | {
                                    factor: string;
                                    journeyId: string;
                                    /** @enum {string} */
                                    kind: "driver";
                                    outcome: string;
                                } | {
                                    /** @enum {string} */
                                    kind: "manual";
                                };
                                /** @enum {string} */
                                status: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                                steps: {
                                    journeyId: string;
                                    journeyName: string;
                                    promise: string | null;
                                    stage: string;
                                    stageName: string;
                                    step: string;
                                    stepName: string;
                                }[];
                                title: string;
                                /** @description ISO 8601 */
                                updatedAt: string;
                                /** @description Live for a red point: the analysis’s value at risk now, under the filter it was found with */
                                valueAtRisk: number;
                            }[];
                            scoring: {
                                /** @description Must-haves and promise-keeping work before stars that keep no promise */
                                basicsFirst: boolean;
                                category: {
                                    must_have: number;
                                    star: number;
                                    strategic: number;
                                };
                                /** @description The score is divided by effort to this power */
                                effortExponent: number;
                                /** @description Multiplier per unit of promise fit (none 0, partial 0.5, full 1) */
                                promise: number;
                                /** @description Weight of log10(1 + customers affected) */
                                reach: number;
                                /** @description Weight of log10(1 + value at risk) */
                                value: number;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an opportunity by hand, or from a research insight or a driver (which fill in the title, problem and steps when left out) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description must_have, strategic or star
                         * @enum {string}
                         */
                        category?: "must_have" | "strategic" | "star";
                        /** @description 0–1 (default 0.5) */
                        confidence?: number;
                        customersAffected?: number;
                        /** @description Person-weeks (default 1) */
                        effort?: number;
                        /** @description A member of the workspace */
                        ownerId?: string | null;
                        problem?: string;
                        /**
                         * @description How well it keeps the stage's brand promise (default none)
                         * @enum {string}
                         */
                        promiseFit?: "none" | "partial" | "full";
                        /**
                         * @default {
                         *       "kind": "manual"
                         *     }
                         */
                        source?: {
                            /** @description Index in the journey's insights */
                            insight: number;
                            journeyId: string;
                            /** @enum {string} */
                            kind: "insight";
                        } | {
                            factor: string;
                            journeyId: string;
                            /** @enum {string} */
                            kind: "driver";
                            outcome: string;
                        } | {
                            /** @enum {string} */
                            kind: "manual";
                        };
                        /** @enum {string} */
                        status?: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                        steps?: {
                            journeyId: string;
                            step: string;
                        }[];
                        title?: string;
                        /** @description By hand; a red point’s is read live */
                        valueAtRisk?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            category: "must_have" | "strategic" | "star";
                            confidence: number;
                            /** @description ISO 8601 */
                            createdAt: string;
                            customersAffected: number;
                            declinedCustomers: number | null;
                            declinedReason: string | null;
                            declinedValueAtRisk: number | null;
                            effort: number;
                            evidence: {
                                /** @description Follow-up cases linked to it */
                                cases: number;
                                closedCases: number;
                                /** @description What closed cases found, most frequent first */
                                rootCauses: {
                                    cases: number;
                                    rootCause: string;
                                }[];
                            };
                            id: string;
                            owner: {
                                email: string;
                                id: string;
                                name: string;
                            } | null;
                            pinnedRank: number | null;
                            problem: string;
                            /** @enum {string} */
                            promiseFit: "none" | "partial" | "full";
                            /** @description Position in the ranked list (null: done, or declined and not due again) */
                            rank: number | null;
                            /** @description Red points only: whether the analysis still finds it */
                            redPointActive: boolean | null;
                            /**
                             * @description A declined item due again
                             * @enum {string|null}
                             */
                            resurfaced: "revisit_due" | "red_point_worse" | null;
                            /** @description ISO 8601 */
                            revisitAt: string | null;
                            /** @description See the README: the scoring formula */
                            score: number;
                            solutions: {
                                /** @description ISO 8601 */
                                createdAt: string;
                                dueDate: string | null;
                                id: string;
                                opportunityId: string;
                                position: number;
                                startDate: string | null;
                                /** @enum {string} */
                                status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                                title: string;
                            }[];
                            source: {
                                filter: {
                                    channel?: string[];
                                    from?: string;
                                    properties?: {
                                        [key: string]: string[];
                                    };
                                    to?: string;
                                    traits?: {
                                        [key: string]: string[];
                                    };
                                    valueTiers?: string[];
                                };
                                journeyId: string;
                                /** @enum {string} */
                                kind: "red_point";
                                metrics: string[];
                                segment: {
                                    trait: string;
                                    value: string;
                                } | null;
                                step: string;
                            } | {
                                /** @description Index in the journey's insights */
                                insight: number;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "insight";
                            } | {
                                factor: string;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "driver";
                                outcome: string;
                            } | {
                                /** @enum {string} */
                                kind: "manual";
                            };
                            /** @enum {string} */
                            status: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                            steps: {
                                journeyId: string;
                                journeyName: string;
                                promise: string | null;
                                stage: string;
                                stageName: string;
                                step: string;
                                stepName: string;
                            }[];
                            title: string;
                            /** @description ISO 8601 */
                            updatedAt: string;
                            /** @description Live for a red point: the analysis’s value at risk now, under the filter it was found with */
                            valueAtRisk: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/opportunities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            category: "must_have" | "strategic" | "star";
                            confidence: number;
                            /** @description ISO 8601 */
                            createdAt: string;
                            customersAffected: number;
                            declinedCustomers: number | null;
                            declinedReason: string | null;
                            declinedValueAtRisk: number | null;
                            effort: number;
                            evidence: {
                                /** @description Follow-up cases linked to it */
                                cases: number;
                                closedCases: number;
                                /** @description What closed cases found, most frequent first */
                                rootCauses: {
                                    cases: number;
                                    rootCause: string;
                                }[];
                            };
                            id: string;
                            owner: {
                                email: string;
                                id: string;
                                name: string;
                            } | null;
                            pinnedRank: number | null;
                            problem: string;
                            /** @enum {string} */
                            promiseFit: "none" | "partial" | "full";
                            /** @description Position in the ranked list (null: done, or declined and not due again) */
                            rank: number | null;
                            /** @description Red points only: whether the analysis still finds it */
                            redPointActive: boolean | null;
                            /**
                             * @description A declined item due again
                             * @enum {string|null}
                             */
                            resurfaced: "revisit_due" | "red_point_worse" | null;
                            /** @description ISO 8601 */
                            revisitAt: string | null;
                            /** @description See the README: the scoring formula */
                            score: number;
                            solutions: {
                                /** @description ISO 8601 */
                                createdAt: string;
                                dueDate: string | null;
                                id: string;
                                opportunityId: string;
                                position: number;
                                startDate: string | null;
                                /** @enum {string} */
                                status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                                title: string;
                            }[];
                            source: {
                                filter: {
                                    channel?: string[];
                                    from?: string;
                                    properties?: {
                                        [key: string]: string[];
                                    };
                                    to?: string;
                                    traits?: {
                                        [key: string]: string[];
                                    };
                                    valueTiers?: string[];
                                };
                                journeyId: string;
                                /** @enum {string} */
                                kind: "red_point";
                                metrics: string[];
                                segment: {
                                    trait: string;
                                    value: string;
                                } | null;
                                step: string;
                            } | {
                                /** @description Index in the journey's insights */
                                insight: number;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "insight";
                            } | {
                                factor: string;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "driver";
                                outcome: string;
                            } | {
                                /** @enum {string} */
                                kind: "manual";
                            };
                            /** @enum {string} */
                            status: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                            steps: {
                                journeyId: string;
                                journeyName: string;
                                promise: string | null;
                                stage: string;
                                stageName: string;
                                step: string;
                                stepName: string;
                            }[];
                            title: string;
                            /** @description ISO 8601 */
                            updatedAt: string;
                            /** @description Live for a red point: the analysis’s value at risk now, under the filter it was found with */
                            valueAtRisk: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change fields or the status (declining needs …/decline) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description must_have, strategic or star
                         * @enum {string}
                         */
                        category?: "must_have" | "strategic" | "star";
                        /** @description 0–1 (default 0.5) */
                        confidence?: number;
                        customersAffected?: number;
                        /** @description Person-weeks (default 1) */
                        effort?: number;
                        /** @description A member of the workspace */
                        ownerId?: string | null;
                        problem?: string;
                        /**
                         * @description How well it keeps the stage's brand promise (default none)
                         * @enum {string}
                         */
                        promiseFit?: "none" | "partial" | "full";
                        /** @enum {string} */
                        status?: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                        steps?: {
                            journeyId: string;
                            step: string;
                        }[];
                        title?: string;
                        /** @description By hand; a red point’s is read live */
                        valueAtRisk?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            category: "must_have" | "strategic" | "star";
                            confidence: number;
                            /** @description ISO 8601 */
                            createdAt: string;
                            customersAffected: number;
                            declinedCustomers: number | null;
                            declinedReason: string | null;
                            declinedValueAtRisk: number | null;
                            effort: number;
                            evidence: {
                                /** @description Follow-up cases linked to it */
                                cases: number;
                                closedCases: number;
                                /** @description What closed cases found, most frequent first */
                                rootCauses: {
                                    cases: number;
                                    rootCause: string;
                                }[];
                            };
                            id: string;
                            owner: {
                                email: string;
                                id: string;
                                name: string;
                            } | null;
                            pinnedRank: number | null;
                            problem: string;
                            /** @enum {string} */
                            promiseFit: "none" | "partial" | "full";
                            /** @description Position in the ranked list (null: done, or declined and not due again) */
                            rank: number | null;
                            /** @description Red points only: whether the analysis still finds it */
                            redPointActive: boolean | null;
                            /**
                             * @description A declined item due again
                             * @enum {string|null}
                             */
                            resurfaced: "revisit_due" | "red_point_worse" | null;
                            /** @description ISO 8601 */
                            revisitAt: string | null;
                            /** @description See the README: the scoring formula */
                            score: number;
                            solutions: {
                                /** @description ISO 8601 */
                                createdAt: string;
                                dueDate: string | null;
                                id: string;
                                opportunityId: string;
                                position: number;
                                startDate: string | null;
                                /** @enum {string} */
                                status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                                title: string;
                            }[];
                            source: {
                                filter: {
                                    channel?: string[];
                                    from?: string;
                                    properties?: {
                                        [key: string]: string[];
                                    };
                                    to?: string;
                                    traits?: {
                                        [key: string]: string[];
                                    };
                                    valueTiers?: string[];
                                };
                                journeyId: string;
                                /** @enum {string} */
                                kind: "red_point";
                                metrics: string[];
                                segment: {
                                    trait: string;
                                    value: string;
                                } | null;
                                step: string;
                            } | {
                                /** @description Index in the journey's insights */
                                insight: number;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "insight";
                            } | {
                                factor: string;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "driver";
                                outcome: string;
                            } | {
                                /** @enum {string} */
                                kind: "manual";
                            };
                            /** @enum {string} */
                            status: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                            steps: {
                                journeyId: string;
                                journeyName: string;
                                promise: string | null;
                                stage: string;
                                stageName: string;
                                step: string;
                                stepName: string;
                            }[];
                            title: string;
                            /** @description ISO 8601 */
                            updatedAt: string;
                            /** @description Live for a red point: the analysis’s value at risk now, under the filter it was found with */
                            valueAtRisk: number;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/opportunities/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Decline with a reason and an optional revisit date; it stays searchable and comes back when its red point gets worse or the date comes */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                        /** @default null */
                        revisitAt?: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            category: "must_have" | "strategic" | "star";
                            confidence: number;
                            /** @description ISO 8601 */
                            createdAt: string;
                            customersAffected: number;
                            declinedCustomers: number | null;
                            declinedReason: string | null;
                            declinedValueAtRisk: number | null;
                            effort: number;
                            evidence: {
                                /** @description Follow-up cases linked to it */
                                cases: number;
                                closedCases: number;
                                /** @description What closed cases found, most frequent first */
                                rootCauses: {
                                    cases: number;
                                    rootCause: string;
                                }[];
                            };
                            id: string;
                            owner: {
                                email: string;
                                id: string;
                                name: string;
                            } | null;
                            pinnedRank: number | null;
                            problem: string;
                            /** @enum {string} */
                            promiseFit: "none" | "partial" | "full";
                            /** @description Position in the ranked list (null: done, or declined and not due again) */
                            rank: number | null;
                            /** @description Red points only: whether the analysis still finds it */
                            redPointActive: boolean | null;
                            /**
                             * @description A declined item due again
                             * @enum {string|null}
                             */
                            resurfaced: "revisit_due" | "red_point_worse" | null;
                            /** @description ISO 8601 */
                            revisitAt: string | null;
                            /** @description See the README: the scoring formula */
                            score: number;
                            solutions: {
                                /** @description ISO 8601 */
                                createdAt: string;
                                dueDate: string | null;
                                id: string;
                                opportunityId: string;
                                position: number;
                                startDate: string | null;
                                /** @enum {string} */
                                status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                                title: string;
                            }[];
                            source: {
                                filter: {
                                    channel?: string[];
                                    from?: string;
                                    properties?: {
                                        [key: string]: string[];
                                    };
                                    to?: string;
                                    traits?: {
                                        [key: string]: string[];
                                    };
                                    valueTiers?: string[];
                                };
                                journeyId: string;
                                /** @enum {string} */
                                kind: "red_point";
                                metrics: string[];
                                segment: {
                                    trait: string;
                                    value: string;
                                } | null;
                                step: string;
                            } | {
                                /** @description Index in the journey's insights */
                                insight: number;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "insight";
                            } | {
                                factor: string;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "driver";
                                outcome: string;
                            } | {
                                /** @enum {string} */
                                kind: "manual";
                            };
                            /** @enum {string} */
                            status: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                            steps: {
                                journeyId: string;
                                journeyName: string;
                                promise: string | null;
                                stage: string;
                                stageName: string;
                                step: string;
                                stepName: string;
                            }[];
                            title: string;
                            /** @description ISO 8601 */
                            updatedAt: string;
                            /** @description Live for a red point: the analysis’s value at risk now, under the filter it was found with */
                            valueAtRisk: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/opportunities/{id}/pin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Pin at a position among the pinned items (1 = top), or unpin with null */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        position: number | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            category: "must_have" | "strategic" | "star";
                            confidence: number;
                            /** @description ISO 8601 */
                            createdAt: string;
                            customersAffected: number;
                            declinedCustomers: number | null;
                            declinedReason: string | null;
                            declinedValueAtRisk: number | null;
                            effort: number;
                            evidence: {
                                /** @description Follow-up cases linked to it */
                                cases: number;
                                closedCases: number;
                                /** @description What closed cases found, most frequent first */
                                rootCauses: {
                                    cases: number;
                                    rootCause: string;
                                }[];
                            };
                            id: string;
                            owner: {
                                email: string;
                                id: string;
                                name: string;
                            } | null;
                            pinnedRank: number | null;
                            problem: string;
                            /** @enum {string} */
                            promiseFit: "none" | "partial" | "full";
                            /** @description Position in the ranked list (null: done, or declined and not due again) */
                            rank: number | null;
                            /** @description Red points only: whether the analysis still finds it */
                            redPointActive: boolean | null;
                            /**
                             * @description A declined item due again
                             * @enum {string|null}
                             */
                            resurfaced: "revisit_due" | "red_point_worse" | null;
                            /** @description ISO 8601 */
                            revisitAt: string | null;
                            /** @description See the README: the scoring formula */
                            score: number;
                            solutions: {
                                /** @description ISO 8601 */
                                createdAt: string;
                                dueDate: string | null;
                                id: string;
                                opportunityId: string;
                                position: number;
                                startDate: string | null;
                                /** @enum {string} */
                                status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                                title: string;
                            }[];
                            source: {
                                filter: {
                                    channel?: string[];
                                    from?: string;
                                    properties?: {
                                        [key: string]: string[];
                                    };
                                    to?: string;
                                    traits?: {
                                        [key: string]: string[];
                                    };
                                    valueTiers?: string[];
                                };
                                journeyId: string;
                                /** @enum {string} */
                                kind: "red_point";
                                metrics: string[];
                                segment: {
                                    trait: string;
                                    value: string;
                                } | null;
                                step: string;
                            } | {
                                /** @description Index in the journey's insights */
                                insight: number;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "insight";
                            } | {
                                factor: string;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "driver";
                                outcome: string;
                            } | {
                                /** @enum {string} */
                                kind: "manual";
                            };
                            /** @enum {string} */
                            status: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                            steps: {
                                journeyId: string;
                                journeyName: string;
                                promise: string | null;
                                stage: string;
                                stageName: string;
                                step: string;
                                stepName: string;
                            }[];
                            title: string;
                            /** @description ISO 8601 */
                            updatedAt: string;
                            /** @description Live for a red point: the analysis’s value at risk now, under the filter it was found with */
                            valueAtRisk: number;
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/opportunities/{id}/solutions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A solution or project under the opportunity */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: date
                         * @default null
                         */
                        dueDate?: string | null;
                        /**
                         * Format: date
                         * @default null
                         */
                        startDate?: string | null;
                        /**
                         * @default idea
                         * @enum {string}
                         */
                        status?: "idea" | "planned" | "in_progress" | "done" | "dropped";
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 8601 */
                            createdAt: string;
                            dueDate: string | null;
                            id: string;
                            opportunityId: string;
                            position: number;
                            startDate: string | null;
                            /** @enum {string} */
                            status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                            title: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/opportunities/from-red-point": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** One click on a red point: an opportunity with its reasons, segment, customers affected and live value at risk (the filter is the analysis's: from, to, channel, trait.*, …) */
        post: {
            parameters: {
                query?: {
                    /** @description Comma-separated channels, e.g. web,app */
                    channel?: string;
                    /** @description Start (inclusive), ISO 8601 */
                    from?: unknown;
                    /** @description End (exclusive), ISO 8601 */
                    to?: unknown;
                    /** @description Only paying customers of these value tiers (by revenue in the scope: high above the 80th percentile, low below the 20th) */
                    valueTiers?: string;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description must_have, strategic or star
                         * @enum {string}
                         */
                        category?: "must_have" | "strategic" | "star";
                        /** @description 0–1 (default 0.5) */
                        confidence?: number;
                        customersAffected?: number;
                        /** @description Person-weeks (default 1) */
                        effort?: number;
                        journeyId: string;
                        /** @description A member of the workspace */
                        ownerId?: string | null;
                        problem?: string;
                        /**
                         * @description How well it keeps the stage's brand promise (default none)
                         * @enum {string}
                         */
                        promiseFit?: "none" | "partial" | "full";
                        /** @default null */
                        segment?: {
                            trait: string;
                            value: string;
                        } | null;
                        /** @enum {string} */
                        status?: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                        step: string;
                        steps?: {
                            journeyId: string;
                            step: string;
                        }[];
                        title?: string;
                        /** @description By hand; a red point’s is read live */
                        valueAtRisk?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            category: "must_have" | "strategic" | "star";
                            confidence: number;
                            /** @description ISO 8601 */
                            createdAt: string;
                            customersAffected: number;
                            declinedCustomers: number | null;
                            declinedReason: string | null;
                            declinedValueAtRisk: number | null;
                            effort: number;
                            evidence: {
                                /** @description Follow-up cases linked to it */
                                cases: number;
                                closedCases: number;
                                /** @description What closed cases found, most frequent first */
                                rootCauses: {
                                    cases: number;
                                    rootCause: string;
                                }[];
                            };
                            id: string;
                            owner: {
                                email: string;
                                id: string;
                                name: string;
                            } | null;
                            pinnedRank: number | null;
                            problem: string;
                            /** @enum {string} */
                            promiseFit: "none" | "partial" | "full";
                            /** @description Position in the ranked list (null: done, or declined and not due again) */
                            rank: number | null;
                            /** @description Red points only: whether the analysis still finds it */
                            redPointActive: boolean | null;
                            /**
                             * @description A declined item due again
                             * @enum {string|null}
                             */
                            resurfaced: "revisit_due" | "red_point_worse" | null;
                            /** @description ISO 8601 */
                            revisitAt: string | null;
                            /** @description See the README: the scoring formula */
                            score: number;
                            solutions: {
                                /** @description ISO 8601 */
                                createdAt: string;
                                dueDate: string | null;
                                id: string;
                                opportunityId: string;
                                position: number;
                                startDate: string | null;
                                /** @enum {string} */
                                status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                                title: string;
                            }[];
                            source: {
                                filter: {
                                    channel?: string[];
                                    from?: string;
                                    properties?: {
                                        [key: string]: string[];
                                    };
                                    to?: string;
                                    traits?: {
                                        [key: string]: string[];
                                    };
                                    valueTiers?: string[];
                                };
                                journeyId: string;
                                /** @enum {string} */
                                kind: "red_point";
                                metrics: string[];
                                segment: {
                                    trait: string;
                                    value: string;
                                } | null;
                                step: string;
                            } | {
                                /** @description Index in the journey's insights */
                                insight: number;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "insight";
                            } | {
                                factor: string;
                                journeyId: string;
                                /** @enum {string} */
                                kind: "driver";
                                outcome: string;
                            } | {
                                /** @enum {string} */
                                kind: "manual";
                            };
                            /** @enum {string} */
                            status: "new" | "assessing" | "planned" | "in_progress" | "done" | "declined";
                            steps: {
                                journeyId: string;
                                journeyName: string;
                                promise: string | null;
                                stage: string;
                                stageName: string;
                                step: string;
                                stepName: string;
                            }[];
                            title: string;
                            /** @description ISO 8601 */
                            updatedAt: string;
                            /** @description Live for a red point: the analysis’s value at risk now, under the filter it was found with */
                            valueAtRisk: number;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/personas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default  */
                            description: string;
                            /** @default [] */
                            frustrations: string[];
                            /** @default [] */
                            goals: string[];
                            id: string;
                            /** @default [] */
                            jobs: {
                                /**
                                 * @description Desired outcomes, as measurable phrases
                                 * @default []
                                 */
                                outcomes: string[];
                                /** @description When …, I want to …, so I can … */
                                statement: string;
                            }[];
                            name: string;
                            updatedAt: string;
                            /** @default null */
                            valueTier: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        description?: string;
                        /** @default [] */
                        frustrations?: string[];
                        /** @default [] */
                        goals?: string[];
                        /** @default [] */
                        jobs?: {
                            /**
                             * @description Desired outcomes, as measurable phrases
                             * @default []
                             */
                            outcomes?: string[];
                            /** @description When …, I want to …, so I can … */
                            statement: string;
                        }[];
                        name: string;
                        /** @default null */
                        valueTier?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default  */
                            description: string;
                            /** @default [] */
                            frustrations: string[];
                            /** @default [] */
                            goals: string[];
                            id: string;
                            /** @default [] */
                            jobs: {
                                /**
                                 * @description Desired outcomes, as measurable phrases
                                 * @default []
                                 */
                                outcomes: string[];
                                /** @description When …, I want to …, so I can … */
                                statement: string;
                            }[];
                            name: string;
                            updatedAt: string;
                            /** @default null */
                            valueTier: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/personas/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default  */
                            description: string;
                            /** @default [] */
                            frustrations: string[];
                            /** @default [] */
                            goals: string[];
                            id: string;
                            /** @default [] */
                            jobs: {
                                /**
                                 * @description Desired outcomes, as measurable phrases
                                 * @default []
                                 */
                                outcomes: string[];
                                /** @description When …, I want to …, so I can … */
                                statement: string;
                            }[];
                            name: string;
                            updatedAt: string;
                            /** @default null */
                            valueTier: string | null;
                        };
                    };
                };
            };
        };
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        description?: string;
                        /** @default [] */
                        frustrations?: string[];
                        /** @default [] */
                        goals?: string[];
                        /** @default [] */
                        jobs?: {
                            /**
                             * @description Desired outcomes, as measurable phrases
                             * @default []
                             */
                            outcomes?: string[];
                            /** @description When …, I want to …, so I can … */
                            statement: string;
                        }[];
                        name: string;
                        /** @default null */
                        valueTier?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @default  */
                            description: string;
                            /** @default [] */
                            frustrations: string[];
                            /** @default [] */
                            goals: string[];
                            id: string;
                            /** @default [] */
                            jobs: {
                                /**
                                 * @description Desired outcomes, as measurable phrases
                                 * @default []
                                 */
                                outcomes: string[];
                                /** @description When …, I want to …, so I can … */
                                statement: string;
                            }[];
                            name: string;
                            updatedAt: string;
                            /** @default null */
                            valueTier: string | null;
                        };
                    };
                };
            };
        };
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/portfolio/scoring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The scoring weights in force (the documented default unless changed) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Must-haves and promise-keeping work before stars that keep no promise */
                            basicsFirst: boolean;
                            category: {
                                must_have: number;
                                star: number;
                                strategic: number;
                            };
                            /** @description The score is divided by effort to this power */
                            effortExponent: number;
                            /** @description Multiplier per unit of promise fit (none 0, partial 0.5, full 1) */
                            promise: number;
                            /** @description Weight of log10(1 + customers affected) */
                            reach: number;
                            /** @description Weight of log10(1 + value at risk) */
                            value: number;
                        };
                    };
                };
            };
        };
        /** Change the scoring weights */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Must-haves and promise-keeping work before stars that keep no promise */
                        basicsFirst: boolean;
                        category: {
                            must_have: number;
                            star: number;
                            strategic: number;
                        };
                        /** @description The score is divided by effort to this power */
                        effortExponent: number;
                        /** @description Multiplier per unit of promise fit (none 0, partial 0.5, full 1) */
                        promise: number;
                        /** @description Weight of log10(1 + customers affected) */
                        reach: number;
                        /** @description Weight of log10(1 + value at risk) */
                        value: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Must-haves and promise-keeping work before stars that keep no promise */
                            basicsFirst: boolean;
                            category: {
                                must_have: number;
                                star: number;
                                strategic: number;
                            };
                            /** @description The score is divided by effort to this power */
                            effortExponent: number;
                            /** @description Multiplier per unit of promise fit (none 0, partial 0.5, full 1) */
                            promise: number;
                            /** @description Weight of log10(1 + customers affected) */
                            reach: number;
                            /** @description Weight of log10(1 + value at risk) */
                            value: number;
                        };
                    };
                };
            };
        };
        post?: never;
        /** Back to the default weights */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Must-haves and promise-keeping work before stars that keep no promise */
                            basicsFirst: boolean;
                            category: {
                                must_have: number;
                                star: number;
                                strategic: number;
                            };
                            /** @description The score is divided by effort to this power */
                            effortExponent: number;
                            /** @description Multiplier per unit of promise fit (none 0, partial 0.5, full 1) */
                            promise: number;
                            /** @description Weight of log10(1 + customers affected) */
                            reach: number;
                            /** @description Weight of log10(1 + value at risk) */
                            value: number;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Rejected inputs with their reason, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    offset?: number;
                };
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                line: number | null;
                                payload: string;
                                reason: string;
                                receivedAt: string;
                                source: string;
                            }[];
                            total: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/roadmap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Solutions still to do, in the order of their opportunities’ ranks */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 8601 */
                            createdAt: string;
                            dueDate: string | null;
                            id: string;
                            opportunityId: string;
                            opportunityRank: number;
                            opportunityTitle: string;
                            position: number;
                            startDate: string | null;
                            /** @enum {string} */
                            status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                            title: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/solutions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date */
                        dueDate?: string | null;
                        position?: number;
                        /** Format: date */
                        startDate?: string | null;
                        /** @enum {string} */
                        status?: "idea" | "planned" | "in_progress" | "done" | "dropped";
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO 8601 */
                            createdAt: string;
                            dueDate: string | null;
                            id: string;
                            opportunityId: string;
                            position: number;
                            startDate: string | null;
                            /** @enum {string} */
                            status: "idea" | "planned" | "in_progress" | "done" | "dropped";
                            title: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored events, customers, quarantined inputs and events off a strict tracking plan */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: number;
                            events: number;
                            firstEventAt: string | null;
                            lastEventAt: string | null;
                            /** @description Stored events flagged as outside the strict tracking plan */
                            offPlan: number;
                            quarantined: number;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/triggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            condition: {
                                /** @enum {string} */
                                kind: "detractor_after_repeat";
                                /**
                                 * @description The highest low score; null: NPS 6, CSAT/CES/rating 2
                                 * @default null
                                 */
                                maxScore: number | null;
                                /** @default 2 */
                                minContacts: number;
                                /**
                                 * @description Only answers of this kind (nps, csat, ces, rating); null: any
                                 * @default null
                                 */
                                scoreKind: string | null;
                                /** @default 7 */
                                withinDays: number;
                            } | {
                                /** @enum {string} */
                                kind: "exit_at_red_point";
                                /**
                                 * @description High-value customers: revenue at least this
                                 * @default 0
                                 */
                                minRevenue: number;
                                /**
                                 * @description No further journey event for this long makes an exit
                                 * @default 24
                                 */
                                quietHours: number;
                            };
                            createdAt: string;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            journeyId: string;
                            name: string;
                            /**
                             * @description Its cases are evidence for this opportunity
                             * @default null
                             */
                            opportunityId: string | null;
                            /**
                             * @description Who owns the cases it opens
                             * @default null
                             */
                            ownerId: string | null;
                            /**
                             * @description A case is due this long after it opens
                             * @default 48
                             */
                            slaHours: number;
                            /**
                             * @description Cases opened and escalated go there
                             * @default null
                             */
                            webhookId: string | null;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** A trigger: it reads only events stored from now on */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        condition: {
                            /** @enum {string} */
                            kind: "detractor_after_repeat";
                            /**
                             * @description The highest low score; null: NPS 6, CSAT/CES/rating 2
                             * @default null
                             */
                            maxScore?: number | null;
                            /** @default 2 */
                            minContacts?: number;
                            /**
                             * @description Only answers of this kind (nps, csat, ces, rating); null: any
                             * @default null
                             */
                            scoreKind?: string | null;
                            /** @default 7 */
                            withinDays?: number;
                        } | {
                            /** @enum {string} */
                            kind: "exit_at_red_point";
                            /**
                             * @description High-value customers: revenue at least this
                             * @default 0
                             */
                            minRevenue?: number;
                            /**
                             * @description No further journey event for this long makes an exit
                             * @default 24
                             */
                            quietHours?: number;
                        };
                        /** @default true */
                        enabled?: boolean;
                        journeyId: string;
                        name: string;
                        /**
                         * @description Its cases are evidence for this opportunity
                         * @default null
                         */
                        opportunityId?: string | null;
                        /**
                         * @description Who owns the cases it opens
                         * @default null
                         */
                        ownerId?: string | null;
                        /**
                         * @description A case is due this long after it opens
                         * @default 48
                         */
                        slaHours?: number;
                        /**
                         * @description Cases opened and escalated go there
                         * @default null
                         */
                        webhookId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            condition: {
                                /** @enum {string} */
                                kind: "detractor_after_repeat";
                                /**
                                 * @description The highest low score; null: NPS 6, CSAT/CES/rating 2
                                 * @default null
                                 */
                                maxScore: number | null;
                                /** @default 2 */
                                minContacts: number;
                                /**
                                 * @description Only answers of this kind (nps, csat, ces, rating); null: any
                                 * @default null
                                 */
                                scoreKind: string | null;
                                /** @default 7 */
                                withinDays: number;
                            } | {
                                /** @enum {string} */
                                kind: "exit_at_red_point";
                                /**
                                 * @description High-value customers: revenue at least this
                                 * @default 0
                                 */
                                minRevenue: number;
                                /**
                                 * @description No further journey event for this long makes an exit
                                 * @default 24
                                 */
                                quietHours: number;
                            };
                            createdAt: string;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            journeyId: string;
                            name: string;
                            /**
                             * @description Its cases are evidence for this opportunity
                             * @default null
                             */
                            opportunityId: string | null;
                            /**
                             * @description Who owns the cases it opens
                             * @default null
                             */
                            ownerId: string | null;
                            /**
                             * @description A case is due this long after it opens
                             * @default 48
                             */
                            slaHours: number;
                            /**
                             * @description Cases opened and escalated go there
                             * @default null
                             */
                            webhookId: string | null;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/triggers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        condition?: {
                            /** @enum {string} */
                            kind: "detractor_after_repeat";
                            /**
                             * @description The highest low score; null: NPS 6, CSAT/CES/rating 2
                             * @default null
                             */
                            maxScore?: number | null;
                            /** @default 2 */
                            minContacts?: number;
                            /**
                             * @description Only answers of this kind (nps, csat, ces, rating); null: any
                             * @default null
                             */
                            scoreKind?: string | null;
                            /** @default 7 */
                            withinDays?: number;
                        } | {
                            /** @enum {string} */
                            kind: "exit_at_red_point";
                            /**
                             * @description High-value customers: revenue at least this
                             * @default 0
                             */
                            minRevenue?: number;
                            /**
                             * @description No further journey event for this long makes an exit
                             * @default 24
                             */
                            quietHours?: number;
                        };
                        enabled?: boolean;
                        name?: string;
                        opportunityId?: string | null;
                        ownerId?: string | null;
                        slaHours?: number;
                        webhookId?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            condition: {
                                /** @enum {string} */
                                kind: "detractor_after_repeat";
                                /**
                                 * @description The highest low score; null: NPS 6, CSAT/CES/rating 2
                                 * @default null
                                 */
                                maxScore: number | null;
                                /** @default 2 */
                                minContacts: number;
                                /**
                                 * @description Only answers of this kind (nps, csat, ces, rating); null: any
                                 * @default null
                                 */
                                scoreKind: string | null;
                                /** @default 7 */
                                withinDays: number;
                            } | {
                                /** @enum {string} */
                                kind: "exit_at_red_point";
                                /**
                                 * @description High-value customers: revenue at least this
                                 * @default 0
                                 */
                                minRevenue: number;
                                /**
                                 * @description No further journey event for this long makes an exit
                                 * @default 24
                                 */
                                quietHours: number;
                            };
                            createdAt: string;
                            /** @default true */
                            enabled: boolean;
                            id: string;
                            journeyId: string;
                            name: string;
                            /**
                             * @description Its cases are evidence for this opportunity
                             * @default null
                             */
                            opportunityId: string | null;
                            /**
                             * @description Who owns the cases it opens
                             * @default null
                             */
                            ownerId: string | null;
                            /**
                             * @description A case is due this long after it opens
                             * @default 48
                             */
                            slaHours: number;
                            /**
                             * @description Cases opened and escalated go there
                             * @default null
                             */
                            webhookId: string | null;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/workspaces/{ws}/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** @enum {string} */
                            format: "json" | "slack";
                            id: string;
                            name: string;
                            /** @description Whole for owners; for others only its origin (a webhook URL is a secret: whoever has it can post) */
                            url: string;
                        }[];
                    };
                };
            };
        };
        put?: never;
        /** A webhook for alert and case notifications (owners): JSON, or a Slack-compatible payload ({text, blocks}) for an incoming-webhook URL */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default json
                         * @enum {string}
                         */
                        format?: "json" | "slack";
                        name: string;
                        /** Format: uri */
                        url: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            /** @enum {string} */
                            format: "json" | "slack";
                            id: string;
                            name: string;
                            /** @description Whole for owners; for others only its origin (a webhook URL is a secret: whoever has it can post) */
                            url: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": null;
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workspaces/{ws}/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a test notification */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description Workspace id or slug */
                    ws: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ok: boolean;
                            result: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness of both stores */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                engine: string;
                                error?: string;
                                /** @enum {string} */
                                status: "ok" | "down";
                            };
                            metadata: {
                                engine: string;
                                error?: string;
                                /** @enum {string} */
                                status: "ok" | "down";
                            };
                            /** @enum {string} */
                            status: "ok" | "degraded";
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            events: {
                                engine: string;
                                error?: string;
                                /** @enum {string} */
                                status: "ok" | "down";
                            };
                            metadata: {
                                engine: string;
                                error?: string;
                                /** @enum {string} */
                                status: "ok" | "down";
                            };
                            /** @enum {string} */
                            status: "ok" | "degraded";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;

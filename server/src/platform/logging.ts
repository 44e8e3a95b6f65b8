import {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from "fastify";
import pino from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

interface LoggedRequest {
  id: string;
  method: string;
  url: string;
  ip: string;
}

/**
 * JSON lines (pino, Fastify's logger) on stdout. A request is logged by method, path and
 * client address only: query strings can carry a searched name or ID number, and headers carry
 * the session cookie, so neither is written.
 *
 * Stdout is written asynchronously: a synchronous write per request was about a tenth of the
 * server's CPU in the exam rush (docs/benchmarks.md). Lines that arrive while a write is in
 * flight go out together; pino flushes what is left when the process exits.
 */
export function loggerOptions(
  level: LogLevel,
  stream?: NodeJS.WritableStream,
): FastifyServerOptions["logger"] {
  return {
    level,
    stream: stream ?? pino.destination({ dest: 1, sync: false }),
    serializers: {
      req: (req: LoggedRequest) => ({
        method: req.method,
        path: req.url.split("?")[0],
        ip: req.ip,
      }),
    },
  };
}

/**
 * One info line per request, when it completes (method, path, status, time); the line at
 * arrival drops to debug, which halves the volume during an exam rush.
 */
class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: "requestId" });
  }

  override incomingRequest(request: FastifyRequest, _reply: FastifyReply) {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, "incoming request");
  }

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply) {
    if (this.isLogDisabled(request)) return;
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}

export const requestLogController = () => new RequestLogController();

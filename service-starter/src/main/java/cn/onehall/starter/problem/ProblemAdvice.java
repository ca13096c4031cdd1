package cn.onehall.starter.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.validation.ConstraintViolationException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code code} and the trace id.
 * Unknown or hostile input is a 4xx; an unexpected failure is a 500 whose body holds no stack trace.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> onProblem(ProblemException e) {
        ProblemDetail problem = ProblemWriter.problem(e.status(), e.code(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> onConstraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                .toList();
        return validation(errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> onTypeMismatch(MethodArgumentTypeMismatchException e) {
        return validation(List.of(Map.of("field", e.getName(), "message", "has the wrong format")));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Object> onAccessDenied(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN)
                .body(ProblemWriter.problem(HttpStatus.FORBIDDEN, ProblemCode.FORBIDDEN, "You may not do this"));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> onOptimisticLock(OptimisticLockingFailureException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemWriter.problem(HttpStatus.CONFLICT, ProblemCode.CONFLICT,
                "Someone else changed this record first; reload it and try again"));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> onDuplicate(DuplicateKeyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ProblemWriter.problem(HttpStatus.CONFLICT, ProblemCode.CONFLICT,
                "This record already exists"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemCode.INTERNAL, "Something went wrong on our side; quote the trace id when you report it"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return validation(fieldErrors(e.getBindingResult()));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(err -> errors.add(Map.of(
                "field", result.getMethodParameter().getParameterName() == null ? "" : result.getMethodParameter().getParameterName(),
                "message", String.valueOf(err.getDefaultMessage())))));
        return validation(errors);
    }

    /** Every MVC-level failure (bad JSON, wrong method, unknown path, too large…) gets a code and the trace id. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(status);
        ProblemWriter.enrich(problem, codeFor(status));
        if (status.value() == 400 && problem.getDetail() != null && problem.getDetail().startsWith("Failed to read request")) {
            problem.setDetail("The request body is not valid JSON of the expected shape");
        }
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private static ResponseEntity<Object> validation(List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ProblemCode.VALIDATION, "Some fields are not valid");
        ProblemWriter.withErrors(problem, errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static List<Map<String, String>> fieldErrors(BindingResult result) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError f : result.getFieldErrors()) {
            errors.add(Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())));
        }
        result.getGlobalErrors().forEach(g -> errors.add(Map.of("field", g.getObjectName(), "message", String.valueOf(g.getDefaultMessage()))));
        return errors;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> ProblemCode.MALFORMED;
            case 401 -> ProblemCode.UNAUTHENTICATED;
            case 403 -> ProblemCode.FORBIDDEN;
            case 404 -> ProblemCode.NOT_FOUND;
            case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
            case 406 -> ProblemCode.NOT_ACCEPTABLE;
            case 409 -> ProblemCode.CONFLICT;
            case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemCode.SERVICE_UNAVAILABLE;
            default -> status.is4xxClientError() ? ProblemCode.MALFORMED : ProblemCode.INTERNAL;
        };
    }
}

package echo;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.swagger.v3.oas.annotations.Hidden;

/** Serves the generated OpenAPI document; a route, because echo's catch-all would shadow a static mapping. */
@Hidden
@Controller("/openapi")
class OpenApiController {

    private final ResourceResolver resources;

    OpenApiController(ResourceResolver resources) {
        this.resources = resources;
    }

    @Get("/{file}")
    HttpResponse<StreamedFile> document(String file) {
        if (!file.matches("[\\w.-]+\\.yml")) {
            return HttpResponse.notFound();
        }
        return resources.getResource("classpath:META-INF/swagger/" + file)
                .map(url -> HttpResponse.ok(new StreamedFile(url)).contentType(MediaType.of("application/yaml")))
                .orElseGet(HttpResponse::notFound);
    }
}

# Builds and runs Fugong. docker compose uses it; the build needs Maven Central.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
RUN ./mvnw --batch-mode --no-transfer-progress package -DskipTests && cp target/fugong-*.jar /fugong.jar

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app fugong
WORKDIR /app
COPY --from=build /fugong.jar /app/fugong.jar
USER fugong
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/fugong.jar"]

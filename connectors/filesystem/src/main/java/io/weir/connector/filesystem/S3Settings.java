package io.weir.connector.filesystem;

import static java.util.Objects.requireNonNull;

import io.weir.spi.connector.Options;
import io.weir.spi.error.ErrorCode;
import io.weir.spi.error.WeirException;
import java.io.Serializable;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach S3 for one filesystem table (the {@code s3.*} options), serializable so that it
 * travels with the sink and source to the subtasks, which each build their own {@link S3Client}.
 * Checksums are calculated only when required: S3-compatible stores such as S3Proxy reject the
 * SDK's default trailing checksums, and AWS accepts either.
 *
 * @param endpoint the endpoint URL, or null for AWS
 * @param region the region, or null for the SDK's region chain
 * @param accessKey the access key id, or null for the SDK's default credentials chain
 * @param secretKey the secret key, or null with {@code accessKey}
 */
record S3Settings(String endpoint, String region, boolean pathStyleAccess, String accessKey, String secretKey)
        implements Serializable {

    static S3Settings of(String table, Options options) {
        requireNonNull(options, "options is null");
        String endpoint = options.getOptional(FileSystemOptions.S3_ENDPOINT).orElse(null);
        String region = options.getOptional(FileSystemOptions.S3_REGION)
                .orElse(endpoint != null ? "us-east-1" : null);
        String accessKey = options.getOptional(FileSystemOptions.S3_ACCESS_KEY).orElse(null);
        String secretKey = options.getOptional(FileSystemOptions.S3_SECRET_KEY).orElse(null);
        if ((accessKey == null) != (secretKey == null)) {
            throw new WeirException(ErrorCode.INVALID_OPTION, "Table '" + table + "' needs both 's3.access-key' "
                    + "and 's3.secret-key', or neither (then the default AWS credentials chain is used)");
        }
        if (endpoint != null) {
            try {
                URI uri = URI.create(endpoint);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
            } catch (IllegalArgumentException e) {
                throw new WeirException(ErrorCode.INVALID_OPTION, "Invalid value '" + endpoint + "' for option "
                        + "'s3.endpoint' of table '" + table + "': expected a URL such as 'http://127.0.0.1:9000'");
            }
        }
        return new S3Settings(endpoint, region, options.get(FileSystemOptions.S3_PATH_STYLE_ACCESS), accessKey,
                secretKey);
    }

    /** A new client; the caller closes it. */
    S3Client newClient() {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(pathStyleAccess)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        builder.credentialsProvider(accessKey != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
                : DefaultCredentialsProvider.builder().build());
        return builder.build();
    }

    /** Never shows the secret key (these settings end up in logs and exceptions). */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", pathStyleAccess=" + pathStyleAccess
                + ", accessKey=" + accessKey + "]";
    }
}

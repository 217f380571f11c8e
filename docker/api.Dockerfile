# The GIS API. Build from the repository root: docker build -f docker/api.Dockerfile .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Data/Data.csproj src/Data/
COPY src/GisApi/GisApi.csproj src/GisApi/
RUN dotnet restore src/GisApi/GisApi.csproj
COPY src/Data/ src/Data/
COPY src/GisApi/ src/GisApi/
RUN dotnet publish src/GisApi/GisApi.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# The image's unprivileged user; the service needs no root.
USER $APP_UID
ENV Urls=http://+:5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "LandInventory.GisApi.dll"]

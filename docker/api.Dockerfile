# The GIS API. Build from the repository root: docker build -f docker/api.Dockerfile .
# The map page is built by Node.js from package-lock.json (no CDN at run time), the API by the .NET SDK.
FROM node:20-bookworm-slim AS map
WORKDIR /map
COPY src/GisApi/Map/package.json src/GisApi/Map/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/GisApi/Map/build.mjs ./
COPY src/GisApi/Map/src/ src/
# The values' words and the sites' fields, which the server reads too: where the page's sources expect them (../../Words from src/).
COPY src/GisApi/Words/*.json /Words/
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Data/Data.csproj src/Data/
COPY src/Import/Import.csproj src/Import/
COPY src/Auth/Auth.csproj src/Auth/
COPY src/GisApi/GisApi.csproj src/GisApi/
RUN dotnet restore src/GisApi/GisApi.csproj
COPY src/Data/ src/Data/
COPY src/Import/ src/Import/
COPY src/Auth/ src/Auth/
COPY src/GisApi/ src/GisApi/
RUN dotnet publish src/GisApi/GisApi.csproj -c Release -o /app --no-restore -p:SkipMapBuild=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# The sites' brochures and map images are drawn by Skia (libfontconfig) with a CJK font whose outlines embed in a PDF.
# Downloads are written by GDAL's ogr2ogr.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-zenhei libfontconfig1 gdal-bin && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
COPY --from=map /map/dist Map/dist/
# The image's unprivileged user; the service needs no root.
USER $APP_UID
ENV Urls=http://+:5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "LandInventory.GisApi.dll"]

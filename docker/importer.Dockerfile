# The GeoJSON importer. Build from the repository root: docker build -f docker/importer.Dockerfile .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Data/Data.csproj src/Data/
COPY src/Import/Import.csproj src/Import/
COPY src/Importer/Importer.csproj src/Importer/
RUN dotnet restore src/Importer/Importer.csproj
COPY src/Data/ src/Data/
COPY src/Import/ src/Import/
COPY src/Importer/ src/Importer/
RUN dotnet publish src/Importer/Importer.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENTRYPOINT ["dotnet", "LandInventory.Importer.dll"]

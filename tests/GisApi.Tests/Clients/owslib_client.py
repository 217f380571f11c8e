"""Reads the API as OWSLib (Debian's python3-owslib) does, and prints what it saw as JSON, for OwsLibClientTests.

    /usr/bin/python3 owslib_client.py <base url>
"""
import json
import sys

from owslib.ogcapi.features import Features

base = sys.argv[1]
api = Features(f"{base}/ogc")
seen = {"conformance": api.conformance()["conformsTo"], "collections": {}}
for collection in api.feature_collections():
    items = api.collection_items(collection, limit=1000)
    seen["collections"][collection] = {
        "title": api.collection(collection)["title"],
        "matched": items["numberMatched"],
        "ids": sorted(f["id"] for f in items["features"]),
        "queryables": sorted(api.collection_queryables(collection)["properties"].keys()),
    }

# What a script asks through the client: an attribute filter, a date interval, a box, another CRS.
seen["available"] = sorted(f["id"] for f in api.collection_items("parcels", limit=1000, status="available")["features"])
seen["fromJune"] = sorted(f["id"] for f in api.collection_items("parcels", limit=1000, **{"datetime": "2025-06-01/.."})["features"])
seen["inBox"] = sorted(f["id"] for f in api.collection_items("carriers", limit=1000, bbox=[104.2, 30.5, 104.3, 30.6])["features"])
carriers = api.collection_items("carriers", limit=1000, crs="http://www.opengis.net/def/crs/EPSG/0/4544")["features"]
seen["gaussKruger"] = {f["id"]: f["geometry"]["coordinates"] for f in carriers}
print(json.dumps(seen))

"""Reads the API with QGIS's own OGC API – Features provider (Debian's python3-qgis, headless), as a QGIS user's layer
would, and prints what it saw as JSON, for QgisClientTests.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_client.py <base url>
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject, QgsVectorLayer  # noqa: E402

app = QgsApplication([], False)
app.initQgis()
base = sys.argv[1]


def layer(name, subset=None):
    found = QgsVectorLayer(f"url='{base}/ogc' typename='{name}'", name, "OAPIF")
    if subset is not None:
        found.setSubsetString(subset)
    return found


seen = {}
for name in ["areas", "parcels", "carriers", "buildings"]:
    read = layer(name)
    key = "id" if name == "areas" else "code"
    seen[name] = {
        "valid": read.isValid(),
        "fields": [f.name() for f in read.fields()],
        "ids": sorted(str(f[key]) for f in read.getFeatures()),
    }

# What a QGIS user types into the layer's filter: a date (which QGIS 3.22 sends as datetime=…/9999-12-31T00:00:00Z
# and 0000-01-01T00:00:00Z/…) and an attribute.
seen["fromJune"] = sorted(f["code"] for f in layer("parcels", "\"availableFrom\" >= '2025-06-01'").getFeatures())
seen["untilJune20"] = sorted(f["code"] for f in layer("parcels", "\"availableFrom\" <= '2025-06-20'").getFeatures())
seen["available"] = sorted(f["code"] for f in layer("parcels", "\"status\" = 'available'").getFeatures())

# The carriers in EPSG:4544 as QGIS projects what the service sends.
carriers = layer("carriers")
to4544 = QgsCoordinateTransform(carriers.crs(), QgsCoordinateReferenceSystem("EPSG:4544"), QgsProject.instance())
seen["gaussKruger"] = {}
for feature in carriers.getFeatures():
    point = to4544.transform(feature.geometry().asPoint())
    seen["gaussKruger"][feature["code"]] = [point.x(), point.y()]
print(json.dumps(seen), flush=True)
# QgsApplication.exitQgis() crashes headless PyQGIS 3.22 on its way out; everything is said, so leave at once.
os._exit(0)

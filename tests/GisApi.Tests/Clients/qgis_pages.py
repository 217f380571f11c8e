"""Reads a whole layer with QGIS's own OGC API – Features provider (Debian's python3-qgis, headless) a page of 1 000
at a time, following the answers' next links as a QGIS user's layer does, and prints the ids it saw as JSON, for
PagingTests.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_pages.py <base url>
"""
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import QgsApplication, QgsVectorLayer  # noqa: E402

app = QgsApplication([], False)
app.initQgis()
read = QgsVectorLayer(f"url='{sys.argv[1]}/ogc' typename='parcels' pageSize='1000'", "parcels", "OAPIF")
print(json.dumps({"valid": read.isValid(), "ids": [str(f["code"]) for f in read.getFeatures()]}), flush=True)
# QgsApplication.exitQgis() crashes headless PyQGIS 3.22 on its way out; everything is said, so leave at once.
os._exit(0)

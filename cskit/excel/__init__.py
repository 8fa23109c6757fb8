"""The Excel round trip: layout, export, the help sheet, the strict xlsx reader, intake safety, cells, the export base, the import plan and report."""

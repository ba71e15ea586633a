"""The migdash Streamlit dashboard: pages, warehouse queries, charts and UI strings."""

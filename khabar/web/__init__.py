"""The Persian web page (static HTML/CSS/JS and the Vazirmatn font), served by khabar.api at /."""

/* Files are written so that the strict loader reads them back unchanged (see strict-yaml.js). */
CMS.registerCustomFormat("strict-yaml", "yaml", strictYaml(jsyaml));

"""Who must approve what on the county's forge (GitHub, Gitea or Forgejo).

`reviewers.py` reads the reviewers file (reviewers.yml beside the data folder, internal, never
published); `owners.py` finds the teams responsible for each data file from the records;
`codeowners.py` writes CODEOWNERS for GitHub and for Gitea/Forgejo; `approvals.py` decides from a
pull request's reviews who must still approve, and `api.py` reads those reviews from the forge.
"""
